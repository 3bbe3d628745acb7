package app_test

import (
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
)

// TestGenerateEmbeddedMatchesOllama runs `hearth generate` greedily on
// stories260K twice: with the embedded engine, and with a real Ollama server,
// which runs the same file on llama.cpp. The printed stories must be equal.
func TestGenerateEmbeddedMatchesOllama(t *testing.T) {
	srv := ollamaRef.Need(t)
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("OLLAMA_HOST", srv.Addr)
	model := filepath.Join(testData(t), "models", "stories260K.gguf")
	for _, prompt := range []string{"Once upon a time", "The little dog", "Tom and Sue went"} {
		t.Run(prompt, func(t *testing.T) {
			common := []string{"--prompt", prompt, "--raw", "--temperature", "0", "--max-tokens", "60"}
			code, ours, errOut := run(t, append([]string{"generate", "--model", model}, common...)...)
			if code != 0 {
				t.Fatalf("embedded: exit %d: %s", code, errOut)
			}
			code, ref, errOut := run(t, append([]string{"generate", "--backend", "ollama", "--model", ollamatest.StoriesName}, common...)...)
			if code != 0 {
				t.Fatalf("ollama: exit %d: %s", code, errOut)
			}
			if ours != ref {
				t.Fatalf("embedded engine and llama.cpp (in Ollama) differ\nhearth: %q\nollama: %q", ours, ref)
			}
			// stories260K is a base model (no chat template): without --raw,
			// generate continues the prompt as plain text all the same.
			code, plain, errOut := run(t, "generate", "--model", model, "--prompt", prompt, "--temperature", "0", "--max-tokens", "60")
			if code != 0 || plain != ref {
				t.Fatalf("without --raw: exit %d (%s)\nhearth: %q\nollama: %q", code, errOut, plain, ref)
			}
		})
	}
}
