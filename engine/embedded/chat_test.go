package embedded_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// genModel writes a small random llama model with the llama-spm vocabulary.
func genModel(t *testing.T, dir, name string, edit func(*modelgen.Spec)) string {
	t.Helper()
	s := modelgen.Spec{Arch: "llama", Dim: 64, Layers: 2, Heads: 4, KVHeads: 2, FFN: 128, Context: 256,
		Type: quant.Q8_0, Seed: 11, Vocab: filepath.Join(llamaref.TestData(), "vocab", "ggml-vocab-llama-spm.gguf")}
	if edit != nil {
		edit(&s)
	}
	path := filepath.Join(dir, name+".gguf")
	if err := modelgen.Write(path, s); err != nil {
		t.Fatal(err)
	}
	return path
}

func open(t *testing.T, path string) *embedded.Model {
	t.Helper()
	m, err := embedded.Open(path, embedded.Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

var hello = []engine.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Hello there"}}

// TestChatPrompt renders messages with the model's template, parses the
// special tokens it writes, and adds BOS exactly once.
func TestChatPrompt(t *testing.T) {
	zephyr, err := os.ReadFile(filepath.Join("..", "chattemplate", "testdata", "templates", "tinyllama-1.1b-chat-v1.0.jinja"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		template string
		prompt   string // rendering expected
		tokens   string // text whose tokenization (with BOS) the prompt must be
	}{
		{"no template: ChatML", "", "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\n", ""},
		{"zephyr", string(zephyr), "<|system|>\nBe brief.</s>\n<|user|>\nHello there</s>\n<|assistant|>\n", ""},
		{"template writing BOS", "{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}", "<s>Be brief.Hello there", "Be brief.Hello there"},
	}
	dir := t.TempDir()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := genModel(t, dir, string(rune('a'+i)), func(s *modelgen.Spec) { s.ChatTemplate = tt.template })
			m := open(t, path)
			req := engine.Request{Messages: hello, Options: engine.Options{MaxTokens: 1}}
			got, err := m.Prompt(req)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.prompt {
				t.Fatalf("prompt %q, want %q", got, tt.prompt)
			}
			text := tt.tokens
			if text == "" {
				text = got
			}
			want := m.Tokenize(text, true)
			if strings.Contains(text, "</s>") && !contains(want, 2) {
				t.Fatalf("</s> in the prompt was not parsed as the EOS token: %v", want)
			}
			r := run(context.Background(), m, req)
			if r.err != nil {
				t.Fatal(r.err)
			}
			if r.stats.PromptTokens != len(want) {
				t.Errorf("prompt of %d tokens, want %d (%v)", r.stats.PromptTokens, len(want), want)
			}
		})
	}
}

func contains(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestEndOfGeneration makes the model's first greedy token its EOS: the
// answer is then empty with stop reason "eos".
func TestEndOfGeneration(t *testing.T) {
	dir := t.TempDir()
	m := open(t, genModel(t, dir, "plain", nil))
	eos := firstToken(t, m, raw("Once upon a time", engine.Options{MaxTokens: 1}))
	m2 := open(t, genModel(t, dir, "eos", func(s *modelgen.Spec) {
		s.Mutations.Set = map[string]any{"tokenizer.ggml.eos_token_id": uint32(eos)}
	}))
	r := run(context.Background(), m2, raw("Once upon a time", engine.Options{}))
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.stats.StopReason != embedded.StopEOS || r.stats.GeneratedTokens != 0 || r.text != "" {
		t.Errorf("got %q, stats %+v; want an empty answer ended by EOS", r.text, r.stats)
	}
}

// firstToken returns the id of the first greedy token (retokenizing the
// prompt with the token's text).
func firstToken(t *testing.T, m *embedded.Model, req engine.Request) int32 {
	t.Helper()
	r := run(context.Background(), m, req)
	if r.err != nil || r.stats.GeneratedTokens != 1 {
		t.Fatalf("first token: %v %+v", r.err, r.stats)
	}
	all := m.Tokenize(req.Prompt+r.text, true)
	prompt := m.Tokenize(req.Prompt, true)
	if len(all) != len(prompt)+1 {
		t.Skipf("the first token's text %q does not retokenize to one token", r.text)
	}
	return all[len(all)-1]
}

func TestBackend(t *testing.T) {
	dir := t.TempDir()
	genModel(t, dir, "tiny", nil)
	genModel(t, dir, "gemma", func(s *modelgen.Spec) {
		s.Mutations.Set = map[string]any{"general.architecture": "gemma2"}
	})
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a model"), 0o644)
	b := embedded.NewBackend(embedded.Dir(dir), embedded.Options{Threads: 2})
	defer b.Close()
	if b.Name() != "embedded" {
		t.Errorf("name %q", b.Name())
	}
	list, err := b.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Architecture != "llama" || list[0].Quantization != "Q8_0" || list[0].ContextLength != 256 {
		t.Errorf("list %+v, want the one llama model", list)
	}
	tests := []struct {
		name  string
		model string
		is    error
	}{
		{"by name", "tiny", nil},
		{"by path", filepath.Join(dir, "tiny.gguf"), nil},
		{"unknown", "nope", engine.ErrModelNotFound},
		{"unsupported architecture", "gemma", engine.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(context.Background(), b, engine.Request{Model: tt.model, Prompt: "Hi", Raw: true, Options: engine.Options{MaxTokens: 3}})
			if !errors.Is(r.err, tt.is) && !(tt.is == nil && r.err == nil) {
				t.Fatalf("error %v, want %v", r.err, tt.is)
			}
			if tt.is == engine.ErrUnsupported && !strings.Contains(r.err.Error(), `architecture "gemma2" is not supported`) {
				t.Errorf("error %q does not name the architecture", r.err)
			}
			if tt.is == nil && r.stats.GeneratedTokens != 3 {
				t.Errorf("stats %+v", r.stats)
			}
		})
	}
	if _, err := b.Embed(context.Background(), "tiny", []string{"x"}); !errors.Is(err, engine.ErrUnsupported) {
		t.Errorf("Embed: %v", err)
	}
}

// TestPromptWithoutRaw wraps a plain prompt in the chat template as a user
// message.
func TestPromptWithoutRaw(t *testing.T) {
	m := open(t, genModel(t, t.TempDir(), "m", nil))
	got, err := m.Prompt(engine.Request{Prompt: "Hi"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"; got != want {
		t.Errorf("prompt %q, want %q", got, want)
	}
	if got, _ := m.Prompt(engine.Request{Prompt: "Hi", Raw: true}); got != "Hi" {
		t.Errorf("raw prompt %q", got)
	}
}

// TestBrokenTemplate keeps raw prompts working when the model's chat
// template does not parse, and refuses chats with ErrUnsupported.
func TestBrokenTemplate(t *testing.T) {
	m := open(t, genModel(t, t.TempDir(), "m", func(s *modelgen.Spec) { s.ChatTemplate = "{% for m in messages %}" }))
	if _, err := m.Prompt(engine.Request{Messages: hello}); !errors.Is(err, engine.ErrUnsupported) {
		t.Errorf("chat with a broken template: %v, want ErrUnsupported", err)
	}
	if r := run(context.Background(), m, raw("Hi", engine.Options{MaxTokens: 2})); r.err != nil {
		t.Errorf("raw prompt: %v", r.err)
	}
}
