package toolcall_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/chattemplate"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// templateDir holds real chat templates, byte for byte as published.
const templateDir = "../chattemplate/testdata/templates"

func readTemplate(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(templateDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDetectRealTemplates(t *testing.T) {
	want := map[string]string{
		"qwen2.5-7b-instruct.jinja":         "hermes",
		"qwen3-0.6b.jinja":                  "hermes",
		"llama-3.1-8b-instruct.jinja":       "llama3",
		"llama-3.2-3b-instruct.jinja":       "llama3",
		"mistral-nemo-instruct-2407.jinja":  "mistral",
		"mistral-7b-instruct-v0.2.jinja":    "",
		"mistral-7b-instruct-v0.2-v1.jinja": "",
		"smollm2-instruct.jinja":            "",
		"tinyllama-1.1b-chat-v1.0.jinja":    "",
		"phi-4-mini-instruct.jinja":         "phi4mini",
		"phi-3.5-mini-instruct.jinja":       "",
		"gemma-3-it.jinja":                  "",
	}
	files, err := filepath.Glob(filepath.Join(templateDir, "*.jinja"))
	if err != nil || len(files) != len(want) {
		t.Fatalf("%d templates in %s, %d listed here (%v): list each with the format it teaches", len(files), templateDir, len(want), err)
	}
	for file, name := range want {
		t.Run(file, func(t *testing.T) {
			f := toolcall.Detect(readTemplate(t, file))
			got := ""
			if f != nil {
				got = f.Name
			}
			if got != name {
				t.Errorf("Detect gave %q, want %q", got, name)
			}
		})
	}
}

// TestTemplateRoundTrip renders an assistant turn that calls a tool with
// each real template, the way the model was trained to write it, and
// parses the answer back out of what the template wrote.
func TestTemplateRoundTrip(t *testing.T) {
	cases := []struct {
		file, end string // end: what closes the assistant's turn
		text      string // the text beside the call (Qwen3's empty thoughts)
	}{
		{"qwen2.5-7b-instruct.jinja", "<|im_end|>", ""},
		{"qwen3-0.6b.jinja", "<|im_end|>", "<think>\n\n</think>\n\n"},
		{"llama-3.1-8b-instruct.jinja", "<|eot_id|>", ""},
		{"llama-3.2-3b-instruct.jinja", "<|eot_id|>", ""},
		{"mistral-nemo-instruct-2407.jinja", "</s>", ""},
	}
	call := engine.ToolCall{ID: "abcDEF123", Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			src := readTemplate(t, c.file)
			answer := renderedAnswer(t, src, call)
			end := strings.Index(answer, c.end)
			if end < 0 {
				t.Fatalf("the template's answer %q lacks %q", answer, c.end)
			}
			answer = answer[:end]
			f := toolcall.Detect(src)
			for _, size := range []int{len(answer), 1, 3} {
				text, calls, err := parseInChunks(f, nil, answer, size)
				if err != nil {
					t.Fatalf("%q in chunks of %d: %v", answer, size, err)
				}
				if text != c.text || len(calls) != 1 || calls[0].Name != call.Name || string(calls[0].Arguments) != `{"arg1":1}` {
					t.Fatalf("%q in chunks of %d gave text %q and calls %+v", answer, size, text, calls)
				}
			}
		})
	}
}

// renderedAnswer returns what the template writes for an assistant turn
// holding call: the rendering of the conversation with the turn, less
// that of the conversation up to the generation prompt.
func renderedAnswer(t *testing.T, src string, call engine.ToolCall) string {
	t.Helper()
	tmpl, err := chattemplate.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	user := engine.Message{Role: "user", Content: "Hey"}
	tools := []engine.Tool{specialFunction}
	head, err := tmpl.Render(chattemplate.Input{Messages: []engine.Message{user}, Tools: tools, AddGenerationPrompt: true, BOS: "<s>", EOS: "</s>"})
	if err != nil {
		t.Fatal(err)
	}
	full, err := tmpl.Render(chattemplate.Input{Messages: []engine.Message{user,
		{Role: "assistant", ToolCalls: []engine.ToolCall{call}}}, Tools: tools, BOS: "<s>", EOS: "</s>"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(full, head) {
		t.Fatalf("the conversation %q does not begin with the prompt %q", full, head)
	}
	return full[len(head):]
}
