package tokenizer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/tokenizer"
)

// vocabNames are the tokenizer-only GGUF files of the shared test data.
var vocabNames = []string{"llama-spm", "phi-3", "gpt-2", "bert-bge"}

// vocabPath returns the path of a shared vocabulary file, skipping the test
// when the shared test data is absent (failing it under
// HEARTH_REQUIRE_REFERENCE).
func vocabPath(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(llamaref.TestData(), "vocab", "ggml-vocab-"+name+".gguf")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("HEARTH_REQUIRE_REFERENCE") != "" {
			t.Fatalf("shared test data missing: %v", err)
		}
		t.Skipf("shared test data missing: %v", err)
	}
	return p
}

// openVocab builds the tokenizer of a shared vocabulary file.
func openVocab(t testing.TB, name string) *tokenizer.Tokenizer {
	t.Helper()
	return openFile(t, vocabPath(t, name))
}

func openFile(t testing.TB, path string) *tokenizer.Tokenizer {
	t.Helper()
	f, err := gguf.Open(path)
	if err != nil {
		t.Fatalf("gguf.Open(%s): %v", path, err)
	}
	defer f.Close()
	tok, err := tokenizer.New(f)
	if err != nil {
		t.Fatalf("tokenizer.New(%s): %v", path, err)
	}
	return tok
}
