package chattemplate_test

import (
	"encoding/json"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/chattemplate"
)

// TestInlineIfMatchesReference renders inline conditionals inside
// parentheses, which gonja cannot parse and Parse rewrites, and compares
// with @huggingface/jinja byte for byte.
func TestInlineIfMatchesReference(t *testing.T) {
	templates := map[string]string{
		"in a sum":           `{% for m in messages %}{{ '<' + (m.role if loop.first else 'other') + '>' }}{% endfor %}`,
		"nested":             `{{ 'x' + ((bos_token if add_generation_prompt else 'no') if messages else 'none') }}`,
		"in a set":           `{% set p = (messages[0].content if messages[0].role == 'system' else '') %}[{{ p }}]`,
		"in an if":           `{% if (messages|length > 1 if add_generation_prompt else false) %}many{% else %}few{% endif %}`,
		"in a call":          `{{ raise_exception('no') if false else ('a' ~ ('b' if true else 'c')) }}`,
		"in a for":           `{% for m in (messages if add_generation_prompt else []) %}{{ m.role }};{% endfor %}`,
		"a string lookalike": `{{ "(a if b else c)" + ('y' if true else 'n') }}`,
		"grouping only":      `{{ (1 + 2) * 3 }}{% if (messages|length == 2) %}two{% endif %}`,
	}
	in := chattemplate.Input{AddGenerationPrompt: true, BOS: "<s>", Messages: []engine.Message{
		{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Hi"}}}
	var names []string
	var cases []refCase
	for name, src := range templates {
		names = append(names, name)
		ctx, err := json.Marshal(map[string]any{"messages": []map[string]string{
			{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}},
			"add_generation_prompt": true, "bos_token": "<s>", "eos_token": ""})
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, refCase{Template: src, Context: ctx})
	}
	ref := renderReference(t, cases)
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			tpl, err := chattemplate.Parse(templates[name])
			if err != nil {
				t.Fatal(err)
			}
			if tpl.Source() != templates[name] {
				t.Errorf("Source() is not the template as given")
			}
			got, err := tpl.Render(in)
			if err != nil {
				t.Fatal(err)
			}
			if ref[i].Output == nil {
				t.Fatalf("the reference failed: %v", *ref[i].Error)
			}
			if got != *ref[i].Output {
				t.Errorf("got %q, reference %q", got, *ref[i].Output)
			}
		})
	}
}
