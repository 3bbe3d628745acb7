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

// FuzzRender parses and renders arbitrary template text, as a hostile GGUF
// could carry it: no panic, no hang (the guard's limits end every
// rendering), output within MaxOutput, and every failure one line that
// wraps ErrTemplate.
func FuzzRender(f *testing.F) {
	for _, name := range []string{"smollm2-instruct", "qwen2.5-7b-instruct"} {
		b, err := os.ReadFile(filepath.Join("testdata", "templates", name+".jinja"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add(`{{ ((([[-1]]))) }}{% if a %}{% for b in c %}{% endfor %}{% endif %}`)
	f.Add(`{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}`)
	f.Add(`{% for x in range(9) recursive %}{{ 'ab' * x ~ loop([x]) }}{% endfor %}`)
	f.Add(`{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|center(99)|indent(3)|replace('a', 'bb') }}`)
	in := chattemplate.Input{
		Messages: []engine.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Hi"},
			{Role: "assistant", Content: "Hello"}, {Role: "user", Content: "Again"}},
		Tools:               []engine.Tool{weatherTool},
		AddGenerationPrompt: true, BOS: "<s>", EOS: "</s>",
	}
	f.Fuzz(func(t *testing.T, src string) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			renderChecked(t, src, in)
		}()
		select {
		case <-done:
		case <-time.After(chattemplate.MaxTime + 3*time.Second):
			t.Fatalf("parse and render still run after %v", chattemplate.MaxTime+3*time.Second)
		}
	})
}

// renderChecked parses and renders src and checks the outcome.
func renderChecked(t *testing.T, src string, in chattemplate.Input) {
	tpl, err := chattemplate.Parse(src)
	if err != nil {
		checkFailure(t, err)
		return
	}
	out, err := tpl.Render(in)
	if err != nil {
		checkFailure(t, err)
		return
	}
	if len(out) > chattemplate.MaxOutput {
		t.Errorf("output of %d bytes", len(out))
	}
}

// checkFailure checks that err is one line wrapping ErrTemplate.
func checkFailure(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, chattemplate.ErrTemplate) {
		t.Errorf("error %v does not wrap ErrTemplate", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error is not one line: %q", err)
	}
}
