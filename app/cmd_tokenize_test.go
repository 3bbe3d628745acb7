package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testData finds ../shared/testdata (or $HEARTH_TESTDATA).
func testData(t *testing.T) string {
	t.Helper()
	d := os.Getenv("HEARTH_TESTDATA")
	if d == "" {
		d = filepath.Join("..", "..", "shared", "testdata")
	}
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared test data not found at %s", d)
	}
	return d
}

// TestTokenizeMatchesLlamaCpp runs `hearth tokenize --no-bos` on the strings of
// llama.cpp's tokenizer conformance files and expects the ids those files hold,
// printed the way they print them.
func TestTokenizeMatchesLlamaCpp(t *testing.T) {
	dir := filepath.Join(testData(t), "vocab")
	for _, name := range []string{"llama-spm", "gpt-2", "phi-3"} {
		t.Run(name, func(t *testing.T) {
			model := filepath.Join(dir, "ggml-vocab-"+name+".gguf")
			inp, err := os.ReadFile(model + ".inp")
			if err != nil {
				t.Fatal(err)
			}
			out, err := os.ReadFile(model + ".out")
			if err != nil {
				t.Fatal(err)
			}
			texts := strings.Split(string(inp), "\n__ggml_vocab_test__\n")
			want := strings.Split(string(out), "\n")
			for i, text := range texts[:8] {
				if text == "" { // an empty --text is not a useful CLI case
					continue
				}
				code, stdout, stderr := run(t, "tokenize", "--model", model, "--text", text, "--no-bos", "--no-parse-special")
				if code != 0 {
					t.Fatalf("text %d: exit %d: %s", i, code, stderr)
				}
				if got := strings.TrimSuffix(stdout, "\n"); got != want[i] {
					t.Errorf("text %d %q: got %q, want %q", i, text, got, want[i])
				}
			}
		})
	}
}

func TestTokenizeBadInput(t *testing.T) {
	notGGUF := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notGGUF, []byte("just some text, not a model"), 0o600)
	tests := []struct {
		name string
		args []string
		code int
		part string
	}{
		{"missing file", []string{"tokenize", "--model", "/nonexistent/model.gguf", "--text", "hi"}, 1, "no such file"},
		{"not a gguf", []string{"tokenize", "--model", notGGUF, "--text", "hi"}, 1, "not a GGUF"},
		{"no model flag", []string{"tokenize", "--text", "hi"}, 2, "model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectFailure(t, tt.args, tt.code, tt.part)
		})
	}
}
