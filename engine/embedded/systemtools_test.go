package embedded_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/internal/jinjaref"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// phiTemplate is Phi-4-mini-instruct's published chat template.
const phiTemplate = "phi-4-mini-instruct.jinja"

// phiCallPieces is an answer that calls weatherTool the Phi-4-mini way,
// its opening marker split across two tokens.
var phiCallPieces = []string{"Let me look.", "<|tool_", "call|>[{\"name\": \"get_weather\", ",
	"\"arguments\": {\"city\": \"Paris\"}}]", "<|/tool_call|>"}

// TestPhi4MiniToolCallThroughBackend: a model with Phi-4-mini's template
// that writes a call, closed or (as the model often does) not, gives a
// tool call through the embedded backend and no markup in the text.
func TestPhi4MiniToolCallThroughBackend(t *testing.T) {
	tmpl, err := os.ReadFile(filepath.Join("../chattemplate/testdata/templates", phiTemplate))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		pieces []string
	}{
		{"closed", phiCallPieces},
		{"without the closing marker", phiCallPieces[:len(phiCallPieces)-1]},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := modelgen.WriteScripted(filepath.Join(dir, "phi.gguf"), modelgen.Scripted{Name: "phi", Pieces: c.pieces, ChatTemplate: string(tmpl)}); err != nil {
				t.Fatal(err)
			}
			b := embedded.NewBackend(embedded.Dir(dir), embedded.Options{Threads: 1})
			t.Cleanup(func() { b.Close() })
			req := engine.Request{Model: "phi", Messages: []engine.Message{{Role: "user", Content: "Weather in Paris?"}},
				Tools: []engine.Tool{weatherTool}, Options: engine.Options{MaxTokens: 50}}
			var text strings.Builder
			var calls []engine.ToolCall
			for chunk, err := range b.Generate(context.Background(), req) {
				if err != nil {
					t.Fatal(err)
				}
				text.WriteString(chunk.Text)
				calls = append(calls, chunk.ToolCalls...)
			}
			if text.String() != "Let me look." {
				t.Errorf("text %q, want only the words before the call", text.String())
			}
			if len(calls) != 1 || calls[0].Name != "get_weather" || string(calls[0].Arguments) != `{"city":"Paris"}` || calls[0].ID == "" {
				t.Fatalf("calls %+v", calls)
			}
		})
	}
}

// TestPhi4MiniConstrainedCall: a model that starts a Phi-4-mini call and
// writes nonsense is held to valid calls of the offered tool. Sampled
// only: off its script this model's logits all tie, and greedy decoding
// then takes the lowest token id, which after a call is "," (another call
// in the list) before "]", for ever; a real model ends its list.
func TestPhi4MiniConstrainedCall(t *testing.T) {
	pieces := []string{"On it.", "<|tool_call|>", "[{\"name\": \"plan_trip\", \"arguments\": {\"ci",
		"ty\": 42, \"days\": \"many", "\"}} zzz ]]", "{{{{", "kelvin", "<|/tool_call|>"}
	m := openScriptedWith(t, pieces, phiTemplate)
	msgs := []engine.Message{{Role: "user", Content: "Plan a trip."}}
	for seed := range int64(4) {
		opts := engine.Options{MaxTokens: 400, Temperature: 1, Seed: seed + 1}
		req := engine.Request{Messages: msgs, Tools: []engine.Tool{tripTool}, Options: opts}
		text, calls, err := collectCalls(t, m, req)
		if err != nil {
			t.Fatalf("seed %d: %v (text %q)", opts.Seed, err, text)
		}
		if text != "On it." || len(calls) == 0 {
			t.Fatalf("seed %d: text %q, calls %+v", opts.Seed, text, calls)
		}
		for _, c := range calls {
			if c.Name != "plan_trip" {
				t.Fatalf("seed %d: call %+v", opts.Seed, c)
			}
		}
	}
	// Unconstrained, the same answer is no valid call: the test can fail.
	schemas, err := toolcall.NewSchemas([]engine.Tool{tripTool})
	if err != nil {
		t.Fatal(err)
	}
	p := toolcall.NewParser(&toolcall.Phi4Mini, schemas)
	if _, err := p.Feed(strings.Join(pieces, "")); err == nil {
		if _, err := p.Finish(); err == nil {
			t.Fatal("the scripted answer is a valid call unconstrained: the test proves nothing")
		}
	}
}

// TestPhi4MiniPromptMatchesReference renders the prompts the engine builds
// for Phi-4-mini (tools in the system message, a system message made when
// there is none, earlier calls in the assistant's text, results as tool
// messages) and compares them byte for byte with @huggingface/jinja
// rendering the published template over the same conversation written out
// by hand, its JSON strings written by the reference's own tojson.
func TestPhi4MiniPromptMatchesReference(t *testing.T) {
	m := openScriptedWith(t, phiCallPieces, phiTemplate)
	src, err := os.ReadFile(filepath.Join("../chattemplate/testdata/templates", phiTemplate))
	if err != nil {
		t.Fatal(err)
	}
	tools := []engine.Tool{weatherTool, tripTool}
	call := engine.ToolCall{ID: "call_1", Name: "get_weather", Arguments: json.RawMessage(`{"city":"Paris"}`)}
	ask := engine.Message{Role: "user", Content: "Weather in Paris?"}
	sys := engine.Message{Role: "system", Content: "Be brief."}
	called := engine.Message{Role: "assistant", ToolCalls: []engine.ToolCall{call}}
	result := engine.Message{Role: "tool", ToolCallID: "call_1", Name: "get_weather", Content: `{"sky": "clear"}`}

	toolsJSON, callJSON := referenceJSON(t, tools, call)
	callText := "<|tool_call|>" + callJSON + "<|/tool_call|>"
	cases := []struct {
		name string
		req  engine.Request
		want []map[string]string // the conversation the template is given
	}{
		{"no system message", engine.Request{Messages: []engine.Message{ask}, Tools: tools}, []map[string]string{
			{"role": "system", "content": "You are a helpful assistant with some tools.", "tools": toolsJSON},
			{"role": "user", "content": ask.Content}}},
		{"a call and its result", engine.Request{Messages: []engine.Message{sys, ask, called, result}, Tools: tools}, []map[string]string{
			{"role": "system", "content": sys.Content, "tools": toolsJSON},
			{"role": "user", "content": ask.Content},
			{"role": "assistant", "content": callText},
			{"role": "tool", "content": result.Content}}},
		{"a call in history, no tools now", engine.Request{Messages: []engine.Message{ask, called, result}}, []map[string]string{
			{"role": "user", "content": ask.Content},
			{"role": "assistant", "content": callText},
			{"role": "tool", "content": result.Content}}},
	}
	var refs []jinjaref.Case
	for _, c := range cases {
		ctx, err := json.Marshal(map[string]any{"messages": c.want, "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>"})
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, jinjaref.Case{Template: string(src), Context: ctx})
	}
	want := jinjaref.Render(t, refs)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := m.Prompt(c.req)
			if err != nil {
				t.Fatal(err)
			}
			if want[i].Output == nil {
				t.Fatalf("the reference failed: %v", *want[i].Error)
			}
			if got != *want[i].Output {
				t.Fatalf("prompt differs from the reference\n got: %q\nwant: %q", got, *want[i].Output)
			}
		})
	}
}

// referenceJSON has @huggingface/jinja's tojson write the tools as the
// model card shows them ({name, description, parameters}) and the call as
// the model writes it ({name, arguments}), each in a list.
func referenceJSON(t *testing.T, tools []engine.Tool, call engine.ToolCall) (toolsJSON, callJSON string) {
	t.Helper()
	type shown struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		Parameters  json.RawMessage `json:"parameters"`
	}
	var list []shown
	for _, tl := range tools {
		list = append(list, shown{tl.Name, tl.Description, tl.Parameters})
	}
	type written struct {
		Name      string          `json:"name"`
		Arguments json.RawMessage `json:"arguments"`
	}
	var cases []jinjaref.Case
	for _, v := range []any{list, []written{{call.Name, call.Arguments}}} {
		ctx, err := json.Marshal(map[string]any{"x": v})
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, jinjaref.Case{Template: "{{ x | tojson }}", Context: ctx})
	}
	out := jinjaref.Render(t, cases)
	if out[0].Output == nil || out[1].Output == nil {
		t.Fatalf("reference tojson failed: %+v", out)
	}
	return *out[0].Output, *out[1].Output
}
