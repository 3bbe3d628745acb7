package chattemplate_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/chattemplate"
)

func TestDefaultIsChatML(t *testing.T) {
	in := chattemplate.Input{Messages: []engine.Message{
		{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Hi"}}, AddGenerationPrompt: true}
	got, err := chattemplate.Default().Render(in)
	if err != nil {
		t.Fatal(err)
	}
	want := "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // in the error message
	}{
		{"syntax error", "{% for m in messages %}{{ m.content }}", "parse"},
		{"raise_exception", "{{ raise_exception('Roles must alternate!') }}", "Roles must alternate!"},
		{"include refused", "{% include '/etc/passwd' %}", "cannot load"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := chattemplate.Parse(tt.src)
			if err == nil {
				_, err = tpl.Render(chattemplate.Input{Messages: []engine.Message{{Role: "user", Content: "x"}}})
			}
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, chattemplate.ErrTemplate) {
				t.Errorf("%v does not wrap ErrTemplate", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans several lines: %q", err)
			}
		})
	}
}

// TestStrftimeNow checks the date Llama 3.2's template writes into its system
// turn comes from Input.Now.
func TestStrftimeNow(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "templates", "llama-3.2-3b-instruct.jinja"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := chattemplate.Parse(string(src))
	if err != nil {
		t.Fatal(err)
	}
	got, err := tpl.Render(chattemplate.Input{
		Messages: []engine.Message{{Role: "user", Content: "Hi"}},
		Now:      time.Date(2024, 7, 26, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "Today Date: 26 Jul 2024\n") {
		t.Errorf("rendering lacks the date:\n%s", got)
	}
}

func TestVarsCannotReplaceMessages(t *testing.T) {
	tpl, err := chattemplate.Parse("{{ messages[0].content }}|{{ enable_thinking }}")
	if err != nil {
		t.Fatal(err)
	}
	got, err := tpl.Render(chattemplate.Input{
		Messages: []engine.Message{{Role: "user", Content: "real"}},
		Vars:     map[string]any{"messages": "fake", "enable_thinking": false},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != "real|False" {
		t.Errorf("got %q, want %q", got, "real|False")
	}
}
