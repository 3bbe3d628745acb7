package embedded_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// weatherTool is the tool the scripted models below call.
var weatherTool = engine.Tool{Name: "get_weather", Description: "The weather in a city.",
	Parameters: json.RawMessage(`{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}`)}

// callingPieces is an answer that calls weatherTool the Qwen way, its
// opening marker split across two tokens.
var callingPieces = []string{"Let me check.", "<tool_", "call>", "\n{\"name\": \"get_weather\", ",
	"\"arguments\": {\"city\": ", "\"Paris\"}}", "\n</tool_call>"}

// openScripted writes a scripted model with the real Qwen2.5 template and
// opens it.
func openScripted(t *testing.T, pieces []string) *embedded.Model {
	t.Helper()
	return openScriptedWith(t, pieces, "qwen2.5-7b-instruct.jinja")
}

// openScriptedWith writes a scripted model with one of the real templates
// and opens it.
func openScriptedWith(t *testing.T, pieces []string, template string) *embedded.Model {
	t.Helper()
	tmpl, err := os.ReadFile(filepath.Join("../chattemplate/testdata/templates", template))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "calling.gguf")
	if err := modelgen.WriteScripted(path, modelgen.Scripted{Name: "calling", Pieces: pieces, ChatTemplate: string(tmpl)}); err != nil {
		t.Fatal(err)
	}
	m, err := embedded.Open(path, embedded.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// collectCalls runs req and returns the text, the calls and the error.
func collectCalls(t *testing.T, m *embedded.Model, req engine.Request) (string, []engine.ToolCall, error) {
	t.Helper()
	var text strings.Builder
	var calls []engine.ToolCall
	var err error
	for c, e := range m.Generate(context.Background(), req) {
		text.WriteString(c.Text)
		calls = append(calls, c.ToolCalls...)
		if e != nil {
			err = e
		}
	}
	return text.String(), calls, err
}

func TestGenerateToolCall(t *testing.T) {
	m := openScripted(t, callingPieces)
	req := engine.Request{Messages: []engine.Message{{Role: "user", Content: "Weather in Paris?"}},
		Tools: []engine.Tool{weatherTool}, Options: engine.Options{MaxTokens: 50}}
	text, calls, err := collectCalls(t, m, req)
	if err != nil {
		t.Fatal(err)
	}
	if text != "Let me check." {
		t.Errorf("text %q, want only the words before the call", text)
	}
	if len(calls) != 1 || calls[0].Name != "get_weather" || string(calls[0].Arguments) != `{"city":"Paris"}` || calls[0].ID == "" {
		t.Fatalf("calls %+v", calls)
	}
}

// TestGenerateToolCallFormats: the format comes from each real template,
// whatever the model's name.
func TestGenerateToolCallFormats(t *testing.T) {
	cases := []struct {
		template string
		pieces   []string
	}{
		{"llama-3.1-8b-instruct.jinja", []string{"{\"name\": \"get_", "weather\", \"parameters\": {\"city\": \"Paris\"}}"}},
		{"llama-3.2-3b-instruct.jinja", []string{"  {\"na", "me\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}"}},
		{"mistral-nemo-instruct-2407.jinja", []string{"[TOOL_", "CALLS][{\"name\": \"get_weather\", ", "\"arguments\": {\"city\": \"Paris\"}, \"id\": \"a1b2c3d4e\"}]"}},
	}
	for _, c := range cases {
		t.Run(c.template, func(t *testing.T) {
			m := openScriptedWith(t, c.pieces, c.template)
			req := engine.Request{Messages: []engine.Message{{Role: "user", Content: "Weather in Paris?"}},
				Tools: []engine.Tool{weatherTool}, Options: engine.Options{MaxTokens: 50}}
			text, calls, err := collectCalls(t, m, req)
			if err != nil {
				t.Fatal(err)
			}
			if text != "" || len(calls) != 1 || calls[0].Name != "get_weather" || string(calls[0].Arguments) != `{"city":"Paris"}` {
				t.Fatalf("text %q, calls %+v", text, calls)
			}
		})
	}
}

func TestGenerateWithoutToolsKeepsMarkup(t *testing.T) {
	m := openScripted(t, callingPieces)
	req := engine.Request{Messages: []engine.Message{{Role: "user", Content: "Weather in Paris?"}}, Options: engine.Options{MaxTokens: 50}}
	text, calls, err := collectCalls(t, m, req)
	if err != nil || len(calls) != 0 || text != strings.Join(callingPieces, "") {
		t.Fatalf("without tools: %q, %+v, %v", text, calls, err)
	}
}

func TestGenerateTruncatedToolCall(t *testing.T) {
	m := openScripted(t, callingPieces)
	req := engine.Request{Messages: []engine.Message{{Role: "user", Content: "Weather in Paris?"}},
		Tools: []engine.Tool{weatherTool}, Options: engine.Options{MaxTokens: 5}}
	text, calls, err := collectCalls(t, m, req)
	if !errors.Is(err, toolcall.ErrTruncated) {
		t.Fatalf("a call cut by the length limit gave %v", err)
	}
	if text != "Let me check." || len(calls) != 0 {
		t.Errorf("the cut call leaked: text %q, calls %+v", text, calls)
	}
}
