package openai_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	oai "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/shared"

	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/modelgen"
)

// startCallingModel serves the embedded engine with one scripted model,
// "calling", whose answer, written the Qwen way with the real Qwen2.5 chat
// template, says a few words and calls get_weather.
func startCallingModel(t *testing.T, pieces []string) string {
	t.Helper()
	tmpl, err := os.ReadFile("../../engine/chattemplate/testdata/templates/qwen2.5-7b-instruct.jinja")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := modelgen.WriteScripted(filepath.Join(dir, "calling.gguf"),
		modelgen.Scripted{Name: "calling", Pieces: pieces, ChatTemplate: string(tmpl)}); err != nil {
		t.Fatal(err)
	}
	b := embedded.NewBackend(embedded.Dir(dir), embedded.Options{Threads: 1})
	t.Cleanup(func() { b.Close() })
	return startServer(t, b)
}

var weatherCallPieces = []string{"Checking.", "<tool_", "call>", "\n{\"name\": \"get_weather\", ",
	"\"arguments\": {\"city\": ", "\"Paris\"}}", "\n</tool_call>"}

func weatherParams() oai.ChatCompletionNewParams {
	return oai.ChatCompletionNewParams{
		Model:    shared.ChatModel("calling"),
		Messages: []oai.ChatCompletionMessageParamUnion{oai.UserMessage("Weather in Paris?")},
		Tools: []oai.ChatCompletionToolUnionParam{oai.ChatCompletionFunctionTool(shared.FunctionDefinitionParam{
			Name: "get_weather", Description: oai.String("The weather in a city."),
			Parameters: shared.FunctionParameters{"type": "object",
				"properties": map[string]any{"city": map[string]any{"type": "string"}}, "required": []string{"city"}},
		})},
		MaxCompletionTokens: oai.Int(40),
		Temperature:         oai.Float(0),
	}
}

func TestEmbeddedToolCallWithClient(t *testing.T) {
	c := client(startCallingModel(t, weatherCallPieces), testToken)
	resp, err := c.Chat.Completions.New(context.Background(), weatherParams())
	if err != nil {
		t.Fatal(err)
	}
	ch := resp.Choices[0]
	if ch.FinishReason != "tool_calls" || ch.Message.Content != "Checking." {
		t.Errorf("finish %q, content %q", ch.FinishReason, ch.Message.Content)
	}
	calls := ch.Message.ToolCalls
	if len(calls) != 1 || calls[0].Type != "function" || calls[0].ID == "" ||
		calls[0].Function.Name != "get_weather" || calls[0].Function.Arguments != `{"city":"Paris"}` {
		t.Fatalf("tool calls %+v", calls)
	}
}

func TestEmbeddedToolCallStreamWithClient(t *testing.T) {
	c := client(startCallingModel(t, weatherCallPieces), testToken)
	stream := c.Chat.Completions.NewStreaming(context.Background(), weatherParams())
	var acc oai.ChatCompletionAccumulator
	var text string
	var deltaCalls int
	for stream.Next() {
		chunk := stream.Current()
		acc.AddChunk(chunk)
		if len(chunk.Choices) > 0 {
			text += chunk.Choices[0].Delta.Content
			deltaCalls += len(chunk.Choices[0].Delta.ToolCalls)
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if text != "Checking." || deltaCalls != 1 {
		t.Errorf("streamed text %q and %d tool-call deltas", text, deltaCalls)
	}
	ch := acc.Choices[0]
	if ch.FinishReason != "tool_calls" || len(ch.Message.ToolCalls) != 1 {
		t.Fatalf("accumulated %+v", ch)
	}
	tc := ch.Message.ToolCalls[0]
	if tc.ID == "" || tc.Function.Name != "get_weather" || tc.Function.Arguments != `{"city":"Paris"}` {
		t.Errorf("accumulated call %+v", tc)
	}
}

func TestEmbeddedTruncatedToolCallIsAnError(t *testing.T) {
	c := client(startCallingModel(t, weatherCallPieces), testToken)
	p := weatherParams()
	p.MaxCompletionTokens = oai.Int(5)
	_, err := c.Chat.Completions.New(context.Background(), p)
	var apiErr *oai.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || !strings.Contains(apiErr.Message, "tool call") {
		t.Fatalf("a tool call cut off by the length limit gave %v, want a 500 that says so", err)
	}
}

// TestEmbeddedConstrainedToolCallWithClient: a model that starts a call and
// then writes nonsense still answers a client with arguments that match
// the tool's schema, because the embedded engine constrains the call.
func TestEmbeddedConstrainedToolCallWithClient(t *testing.T) {
	garbage := []string{"One moment.", "<tool_call>", "\n{\"name\": \"get_weather\", \"arguments\": {\"ci",
		"ty\": [[[", "}} \"\" zzz", "</tool_call>"}
	c := client(startCallingModel(t, garbage), testToken)
	p := weatherParams()
	p.MaxCompletionTokens = oai.Int(300)
	p.Tools[0].OfFunction.Function.Parameters = shared.FunctionParameters{"type": "object",
		"properties": map[string]any{"city": map[string]any{"type": "string", "maxLength": 8}}, "required": []string{"city"}}
	resp, err := c.Chat.Completions.New(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	ch := resp.Choices[0]
	if ch.FinishReason != "tool_calls" || len(ch.Message.ToolCalls) != 1 {
		t.Fatalf("choice %+v", ch)
	}
	var args struct {
		City *string `json:"city"`
	}
	raw := ch.Message.ToolCalls[0].Function.Arguments
	if err := json.Unmarshal([]byte(raw), &args); err != nil || args.City == nil || len([]rune(*args.City)) > 8 {
		t.Fatalf("arguments %s do not match the schema (%v)", raw, err)
	}
}
