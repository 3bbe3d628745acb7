package openai_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	oai "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"

	"github.com/hearth-app/hearth/engine"
)

// client is the official OpenAI Go client pointed at base with token.
func client(base, token string) oai.Client {
	return oai.NewClient(option.WithBaseURL(base), option.WithAPIKey(token), option.WithMaxRetries(0))
}

func chatParams(model string) oai.ChatCompletionNewParams {
	return oai.ChatCompletionNewParams{
		Model:    shared.ChatModel(model),
		Messages: []oai.ChatCompletionMessageParamUnion{oai.SystemMessage("Be brief."), oai.UserMessage("Tell a story.")},
	}
}

func TestChatWithClient(t *testing.T) {
	b := &stubBackend{chunks: textChunks()}
	c := client(startServer(t, b), testToken)
	ctx := context.Background()
	p := chatParams("tiny")
	p.Temperature = oai.Float(0)
	p.MaxCompletionTokens = oai.Int(50)
	p.Stop = oai.ChatCompletionNewParamsStopUnion{OfString: oai.String("THE END")}

	resp, err := c.Chat.Completions.New(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Choices) != 1 || resp.Choices[0].Message.Content != "Once upon a time" || resp.Choices[0].FinishReason != "stop" {
		t.Errorf("response %+v", resp.Choices)
	}
	if resp.Usage.PromptTokens != 4 || resp.Usage.CompletionTokens != 3 || resp.Usage.TotalTokens != 7 || resp.Model != "tiny" {
		t.Errorf("usage %+v model %q", resp.Usage, resp.Model)
	}
	req := b.lastRequest()
	want := []engine.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Tell a story."}}
	if req.Model != "tiny" || !reflect.DeepEqual(req.Messages, want) {
		t.Errorf("backend got %+v", req)
	}
	if req.Options.Temperature != 0 || req.Options.MaxTokens != 50 || len(req.Options.Stop) != 1 || req.Options.Stop[0] != "THE END" {
		t.Errorf("options %+v", req.Options)
	}
}

func TestChatStreamWithClient(t *testing.T) {
	c := client(startServer(t, &stubBackend{chunks: textChunks()}), testToken)
	p := chatParams("tiny")
	p.StreamOptions = oai.ChatCompletionStreamOptionsParam{IncludeUsage: oai.Bool(true)}
	stream := c.Chat.Completions.NewStreaming(context.Background(), p)
	var acc oai.ChatCompletionAccumulator
	var pieces []string
	for stream.Next() {
		chunk := stream.Current()
		acc.AddChunk(chunk)
		if len(chunk.Choices) > 0 && chunk.Choices[0].Delta.Content != "" {
			pieces = append(pieces, chunk.Choices[0].Delta.Content)
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(pieces, "|") != "Once| upon| a time" {
		t.Errorf("streamed pieces %q", pieces)
	}
	if len(acc.Choices) != 1 || acc.Choices[0].Message.Content != "Once upon a time" || acc.Choices[0].FinishReason != "stop" {
		t.Errorf("accumulated %+v", acc.Choices)
	}
	if acc.Usage.TotalTokens != 7 {
		t.Errorf("usage %+v", acc.Usage)
	}
}

func weatherTool() oai.ChatCompletionToolUnionParam {
	return oai.ChatCompletionFunctionTool(shared.FunctionDefinitionParam{
		Name:        "get_weather",
		Description: oai.String("Weather in a city"),
		Parameters: shared.FunctionParameters{
			"type":       "object",
			"properties": map[string]any{"city": map[string]any{"type": "string"}},
			"required":   []string{"city"},
		},
	})
}

func TestToolsWithClient(t *testing.T) {
	b := &stubBackend{chunks: toolChunks()}
	c := client(startServer(t, b), testToken)
	p := chatParams("tiny")
	p.Tools = []oai.ChatCompletionToolUnionParam{weatherTool()}

	t.Run("not streamed", func(t *testing.T) {
		resp, err := c.Chat.Completions.New(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		checkToolCall(t, resp.Choices[0].FinishReason, resp.Choices[0].Message.ToolCalls)
		req := b.lastRequest()
		if len(req.Tools) != 1 || req.Tools[0].Name != "get_weather" || !strings.Contains(string(req.Tools[0].Parameters), `"required":["city"]`) {
			t.Errorf("tools passed to the backend: %+v", req.Tools)
		}
	})
	t.Run("streamed", func(t *testing.T) {
		stream := c.Chat.Completions.NewStreaming(context.Background(), p)
		var acc oai.ChatCompletionAccumulator
		for stream.Next() {
			acc.AddChunk(stream.Current())
		}
		if err := stream.Err(); err != nil {
			t.Fatal(err)
		}
		checkToolCall(t, acc.Choices[0].FinishReason, acc.Choices[0].Message.ToolCalls)
	})
	t.Run("tool result sent back", func(t *testing.T) {
		b.chunks = textChunks()
		p := chatParams("tiny")
		p.Messages = append(p.Messages,
			oai.ChatCompletionMessageParamUnion{OfAssistant: &oai.ChatCompletionAssistantMessageParam{
				ToolCalls: []oai.ChatCompletionMessageToolCallUnionParam{{OfFunction: &oai.ChatCompletionMessageFunctionToolCallParam{
					ID: "call_1", Function: oai.ChatCompletionMessageFunctionToolCallFunctionParam{Name: "get_weather", Arguments: `{"city":"Paris"}`},
				}}},
			}},
			oai.ToolMessage("18 degrees and sunny", "call_1"))
		if _, err := c.Chat.Completions.New(context.Background(), p); err != nil {
			t.Fatal(err)
		}
		msgs := b.lastRequest().Messages
		if len(msgs) != 4 || msgs[2].Role != "assistant" || len(msgs[2].ToolCalls) != 1 ||
			string(msgs[2].ToolCalls[0].Arguments) != `{"city":"Paris"}` || msgs[3].Role != "tool" ||
			msgs[3].ToolCallID != "call_1" || msgs[3].Content != "18 degrees and sunny" {
			t.Errorf("conversation passed to the backend: %+v", msgs)
		}
	})
}

func checkToolCall(t *testing.T, finish string, calls []oai.ChatCompletionMessageToolCallUnion) {
	t.Helper()
	if finish != "tool_calls" || len(calls) != 1 {
		t.Fatalf("finish %q, calls %+v", finish, calls)
	}
	call := calls[0]
	var args map[string]string
	if call.Function.Name != "get_weather" || !strings.HasPrefix(call.ID, "call_") ||
		json.Unmarshal([]byte(call.Function.Arguments), &args) != nil || args["city"] != "Paris" {
		t.Errorf("tool call %+v", call)
	}
}

func TestCompletionsWithClient(t *testing.T) {
	b := &stubBackend{chunks: textChunks()}
	c := client(startServer(t, b), testToken)
	p := oai.CompletionNewParams{Model: oai.CompletionNewParamsModel("tiny"), Prompt: oai.CompletionNewParamsPromptUnion{OfString: oai.String("Once")}}
	resp, err := c.Completions.New(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Choices[0].Text != "Once upon a time" || resp.Choices[0].FinishReason != "stop" {
		t.Errorf("completion %+v", resp.Choices)
	}
	if req := b.lastRequest(); !req.Raw || req.Prompt != "Once" || len(req.Messages) != 0 {
		t.Errorf("backend got %+v", req)
	}
	stream := c.Completions.NewStreaming(context.Background(), p)
	var text strings.Builder
	for stream.Next() {
		if ch := stream.Current().Choices; len(ch) > 0 {
			text.WriteString(ch[0].Text)
		}
	}
	if err := stream.Err(); err != nil || text.String() != "Once upon a time" {
		t.Errorf("streamed %q, %v", text.String(), err)
	}
}

func TestEmbeddingsWithClient(t *testing.T) {
	c := client(startServer(t, &stubBackend{}), testToken)
	for _, format := range []oai.EmbeddingNewParamsEncodingFormat{oai.EmbeddingNewParamsEncodingFormatFloat, oai.EmbeddingNewParamsEncodingFormatBase64} {
		t.Run(string(format), func(t *testing.T) {
			resp, err := c.Embeddings.New(context.Background(), oai.EmbeddingNewParams{
				Model:          oai.EmbeddingModel("embedder"),
				Input:          oai.EmbeddingNewParamsInputUnion{OfArrayOfStrings: []string{"a", "abc"}},
				EncodingFormat: format,
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Data) != 2 {
				t.Fatalf("%d vectors", len(resp.Data))
			}
			for i, want := range [][]float64{{1, 0.5, -1.25}, {3, 0.5, -1.25}} {
				got := resp.Data[i].Embedding
				if resp.Data[i].Index != int64(i) || len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
					t.Errorf("vector %d = %v, want %v", i, got, want)
				}
			}
		})
	}
}

func TestModelsWithClient(t *testing.T) {
	c := client(startServer(t, &stubBackend{}), testToken)
	page, err := c.Models.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Data) != 2 || page.Data[0].ID != "tiny" || page.Data[1].ID != "embedder" {
		t.Errorf("models %+v", page.Data)
	}
}

func TestTokenRequired(t *testing.T) {
	base := startServer(t, &stubBackend{chunks: textChunks()})
	for _, token := range []string{"", "wrong", testToken + "x", strings.ToUpper(testToken)} {
		t.Run("token "+token, func(t *testing.T) {
			c := client(base, token)
			_, err := c.Chat.Completions.New(context.Background(), chatParams("tiny"))
			var apiErr *oai.Error
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized || apiErr.Code != "invalid_api_key" {
				t.Fatalf("error %v, want 401 invalid_api_key", err)
			}
			_, err = c.Models.List(context.Background())
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized {
				t.Errorf("models without the token: %v", err)
			}
		})
	}
	t.Run("no header at all", func(t *testing.T) {
		resp, err := http.Get(base + "models")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			Error struct{ Message, Type, Code string } `json:"error"`
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 401 || json.Unmarshal(b, &body) != nil || body.Error.Type != "invalid_request_error" || body.Error.Message == "" {
			t.Errorf("answer %d %s", resp.StatusCode, b)
		}
	})
}

func TestErrorsWithClient(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"model not found", engine.ErrModelNotFound, 404, "model_not_found"},
		{"context full", engine.ErrContextFull, 400, "context_length_exceeded"},
		{"backend down", engine.ErrBackendDown, 503, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := client(startServer(t, &stubBackend{err: tt.err}), testToken)
			_, err := c.Chat.Completions.New(context.Background(), chatParams("tiny"))
			var apiErr *oai.Error
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status || apiErr.Code != tt.code {
				t.Fatalf("error %v, want %d %q", err, tt.status, tt.code)
			}
			stream := c.Chat.Completions.NewStreaming(context.Background(), chatParams("tiny"))
			for stream.Next() {
			}
			if !errors.As(stream.Err(), &apiErr) || apiErr.StatusCode != tt.status {
				t.Errorf("stream error %v, want status %d", stream.Err(), tt.status)
			}
		})
	}
}

func TestBadRequests(t *testing.T) {
	base := startServer(t, &stubBackend{chunks: textChunks()})
	tests := []struct {
		name, path, body string
	}{
		{"not json", "chat/completions", "{"},
		{"no messages", "chat/completions", `{"model":"tiny","messages":[]}`},
		{"no model", "chat/completions", `{"messages":[{"role":"user","content":"hi"}]}`},
		{"image part", "chat/completions", `{"model":"tiny","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}`},
		{"n=2", "chat/completions", `{"model":"tiny","n":2,"messages":[{"role":"user","content":"hi"}]}`},
		{"token prompt", "completions", `{"model":"tiny","prompt":[1,2,3]}`},
		{"bad stop", "completions", `{"model":"tiny","prompt":"x","stop":5}`},
		{"embedding format", "embeddings", `{"model":"embedder","input":"x","encoding_format":"int8"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", base+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Authorization", "Bearer "+testToken)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 400 || !strings.Contains(string(b), `"invalid_request_error"`) {
				t.Errorf("answer %d %s", resp.StatusCode, b)
			}
		})
	}
}
