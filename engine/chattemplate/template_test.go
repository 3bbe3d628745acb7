package chattemplate_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/chattemplate"
)

// conversation is one scenario rendered with every template.
type conversation struct {
	name  string
	input chattemplate.Input
}

var weatherTool = engine.Tool{
	Name:        "get_weather",
	Description: "Get the current weather in a city",
	Parameters: json.RawMessage(`{"type": "object", "properties": {"location": {"type": "string", "description": "City name, e.g. Paris"},
		"unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}, "days": {"type": "integer", "minimum": 1, "maximum": 7.5}}, "required": ["location"]}`),
}

var searchTool = engine.Tool{
	Name:        "search_notes",
	Description: "Search the user's notes",
	Parameters:  json.RawMessage(`{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}`),
}

func conversations() []conversation {
	user := engine.Message{Role: "user", Content: "Hello, who are you?"}
	sys := engine.Message{Role: "system", Content: "You are a terse assistant."}
	call := engine.Message{Role: "assistant", ToolCalls: []engine.ToolCall{{
		ID: "call00001", Name: "get_weather", Arguments: json.RawMessage(`{"location": "Paris", "unit": "celsius"}`)}}}
	result := engine.Message{Role: "tool", ToolCallID: "call00001", Name: "get_weather", Content: `{"temperature": 21, "sky": "clear"}`}
	ask := engine.Message{Role: "user", Content: "What's the weather in Paris?"}
	tools := []engine.Tool{weatherTool, searchTool}
	return []conversation{
		{"user", chattemplate.Input{Messages: []engine.Message{user}, AddGenerationPrompt: true}},
		{"user without generation prompt", chattemplate.Input{Messages: []engine.Message{user}}},
		{"system and user", chattemplate.Input{Messages: []engine.Message{sys, user}, AddGenerationPrompt: true}},
		{"multi-turn", chattemplate.Input{Messages: []engine.Message{sys, user,
			{Role: "assistant", Content: "I am Hearth, your assistant."},
			{Role: "user", Content: "  Spaces around, and\nnew lines.  "}}, AddGenerationPrompt: true}},
		{"multi-turn without system", chattemplate.Input{Messages: []engine.Message{user,
			{Role: "assistant", Content: "Hi!"}, {Role: "user", Content: "Tell me more."}}, AddGenerationPrompt: true}},
		{"unicode and markup", chattemplate.Input{Messages: []engine.Message{
			{Role: "user", Content: "Ünïcödé 中文 emoji 🙂 \"quotes\" 'single' <b>tags</b> & {{ braces }} {% not a tag %}\ttab"}}, AddGenerationPrompt: true}},
		{"tools offered", chattemplate.Input{Messages: []engine.Message{sys, ask}, Tools: tools, AddGenerationPrompt: true}},
		{"tools without system", chattemplate.Input{Messages: []engine.Message{ask}, Tools: tools, AddGenerationPrompt: true}},
		{"tool call and result", chattemplate.Input{Messages: []engine.Message{ask, call, result}, Tools: tools, AddGenerationPrompt: true}},
		{"thinking in history", chattemplate.Input{Messages: []engine.Message{user,
			{Role: "assistant", Content: "<think>\nThe user greets me.\n</think>\n\nHello!"}, {Role: "user", Content: "Again?"}}, AddGenerationPrompt: true}},
		{"thinking disabled", chattemplate.Input{Messages: []engine.Message{user}, AddGenerationPrompt: true,
			Vars: map[string]any{"enable_thinking": false}}},
		{"system only", chattemplate.Input{Messages: []engine.Message{sys}}},
		// Phi-4-mini's way: the tools as a string in the system message.
		{"tools in the system message", chattemplate.Input{Messages: []engine.Message{sys, ask, call, result},
			SystemTools: `[{"name": "get_weather", "description": "Get the current weather in a city", "parameters": {"type": "object"}}]`, AddGenerationPrompt: true}},
	}
}

// templates returns the real chat templates in testdata/templates (see
// testdata/templates/ORIGIN.md), by file name.
func templates(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "templates", "*.jinja"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates in testdata/templates: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".jinja")] = string(b)
	}
	return out
}

// special tokens per template family, as the models' GGUF files hold them.
func tokens(name string) (bos, eos string) {
	switch {
	case strings.HasPrefix(name, "llama-3"):
		return "<|begin_of_text|>", "<|eot_id|>"
	case strings.HasPrefix(name, "qwen"), strings.HasPrefix(name, "smollm2"):
		return "", "<|im_end|>"
	case strings.HasPrefix(name, "gemma"):
		return "<bos>", "<eos>"
	case strings.HasPrefix(name, "phi-3"):
		return "<s>", "<|endoftext|>"
	case strings.HasPrefix(name, "phi-4"):
		return "<|endoftext|>", "<|endoftext|>"
	}
	return "<s>", "</s>"
}

// TestRealTemplatesMatchReference renders the real templates of Llama 3.1 and
// 3.2, Qwen2.5, Qwen3, SmolLM2, TinyLlama (zephyr), Mistral, Gemma 3,
// Phi-3.5 and Phi-4-mini with every
// conversation and compares with @huggingface/jinja byte for byte; where the
// reference fails (a template's raise_exception), ours must fail too.
func TestRealTemplatesMatchReference(t *testing.T) {
	type job struct {
		name, tname string
		tpl         *chattemplate.Template
		in          chattemplate.Input
	}
	var jobs []job
	var cases []refCase
	for tname, src := range templates(t) {
		tpl, err := chattemplate.Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", tname, err)
		}
		bos, eos := tokens(tname)
		for _, c := range conversations() {
			in := c.input
			in.BOS, in.EOS = bos, eos
			jobs = append(jobs, job{tname + "/" + c.name, tname, tpl, in})
			cases = append(cases, refCase{Template: src, Context: referenceContext(t, in)})
		}
	}
	ref := renderReference(t, cases)
	matched := 0
	for i, j := range jobs {
		t.Run(j.name, func(t *testing.T) {
			got, err := j.tpl.Render(j.in)
			want := ref[i]
			switch {
			case want.Error != nil:
				if err == nil {
					t.Fatalf("reference failed (%s) but we rendered:\n%q", *want.Error, got)
				}
				if !errors.Is(err, chattemplate.ErrTemplate) {
					t.Errorf("error %v does not wrap ErrTemplate", err)
				}
				if !strings.Contains(err.Error(), *want.Error) {
					t.Errorf("error %q does not carry the template's message %q", err, *want.Error)
				}
			case err != nil:
				t.Fatalf("reference rendered but we failed: %v\nreference:\n%q", err, *want.Output)
			case got != *want.Output:
				t.Fatalf("rendering differs from the reference\n got: %q\nwant: %q", got, *want.Output)
			default:
				matched++
			}
		})
	}
	t.Logf("%d of %d renderings identical to @huggingface/jinja", matched, len(jobs))
}

// referenceContext builds the reference engine's variables for in: messages
// and tools in the OpenAI chat format transformers documents, keys in the
// same order.
func referenceContext(t *testing.T, in chattemplate.Input) json.RawMessage {
	t.Helper()
	var msgs []any
	systemTools := in.SystemTools
	for _, m := range in.Messages {
		o := ordered{{"role", m.Role}, {"content", m.Content}}
		if systemTools != "" && m.Role == "system" {
			o = append(o, kv{"tools", systemTools})
			systemTools = ""
		}
		if len(m.ToolCalls) > 0 {
			var calls []any
			for _, c := range m.ToolCalls {
				calls = append(calls, ordered{{"id", c.ID}, {"type", "function"},
					{"function", ordered{{"name", c.Name}, {"arguments", c.Arguments}}}})
			}
			o = append(o, kv{"tool_calls", calls})
		}
		if m.ToolCallID != "" {
			o = append(o, kv{"tool_call_id", m.ToolCallID})
		}
		if m.Name != "" {
			o = append(o, kv{"name", m.Name})
		}
		msgs = append(msgs, o)
	}
	ctx := ordered{{"messages", msgs}, {"add_generation_prompt", in.AddGenerationPrompt},
		{"bos_token", in.BOS}, {"eos_token", in.EOS}}
	if len(in.Tools) > 0 {
		var tools []any
		for _, tl := range in.Tools {
			tools = append(tools, ordered{{"type", "function"}, {"function", ordered{
				{"name", tl.Name}, {"description", tl.Description}, {"parameters", tl.Parameters}}}})
		}
		ctx = append(ctx, kv{"tools", tools})
	}
	for k, v := range in.Vars {
		ctx = append(ctx, kv{k, v})
	}
	b, err := json.Marshal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type kv struct {
	k string
	v any
}

// ordered marshals as a JSON object with keys in slice order.
type ordered []kv

func (o ordered) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, p := range o {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(p.k)
		v, err := json.Marshal(p.v)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

// TestSystemToolsReachPhi4Mini: the tools string lands where the model
// card's tool-enabled format puts it, between <|tool|> and <|/tool|> after
// the system text.
func TestSystemToolsReachPhi4Mini(t *testing.T) {
	tpl, err := chattemplate.Parse(templates(t)["phi-4-mini-instruct"])
	if err != nil {
		t.Fatal(err)
	}
	const tools = `[{"name": "get_weather"}]`
	in := chattemplate.Input{Messages: []engine.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Hi"}},
		SystemTools: tools, AddGenerationPrompt: true}
	got, err := tpl.Render(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := "<|system|>Be brief.<|tool|>" + tools + "<|/tool|><|end|><|user|>Hi<|end|><|assistant|>"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	in.Messages = in.Messages[1:]
	if _, err := tpl.Render(in); !errors.Is(err, chattemplate.ErrTemplate) || !strings.Contains(err.Error(), "has none") {
		t.Errorf("tools for a conversation without a system message: %v", err)
	}
}

// TestDumpJSONMatchesReferenceToJSON: DumpJSON writes what tojson writes in
// @huggingface/jinja.
func TestDumpJSONMatchesReferenceToJSON(t *testing.T) {
	docs := []string{string(weatherTool.Parameters), `[{"name": "a", "arguments": {"s": "Ünï \"q\" <b>\u2028", "n": [1, -2.5, 1e-7, true, null]}}]`, `{}`}
	var cases []refCase
	for _, d := range docs {
		cases = append(cases, refCase{Template: "{{ x | tojson }}", Context: json.RawMessage(`{"x": ` + d + `}`)})
	}
	ref := renderReference(t, cases)
	for i, d := range docs {
		got, err := chattemplate.DumpJSON(json.RawMessage(d))
		if err != nil {
			t.Fatal(err)
		}
		if ref[i].Output == nil || got != *ref[i].Output {
			t.Errorf("DumpJSON(%s) = %q, reference %v", d, got, ref[i])
		}
	}
}
