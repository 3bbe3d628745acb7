package embedded_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
)

func TestFileHelpers(t *testing.T) {
	p := filepath.Join(llamaref.TestData(), "models", "stories260K.gguf")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared test model not found: %v", err)
	}
	if embedded.HasChatTemplate(p) {
		t.Error("stories260K, a base model, reports a chat template")
	}
	if !embedded.HasChatTemplate(filepath.Join(t.TempDir(), "missing.gguf")) {
		t.Error("an unreadable file must say yes, so generation reports the problem")
	}
	with, err := embedded.TokenizeFile(p, "Once upon a time", true, true)
	if err != nil {
		t.Fatal(err)
	}
	without, err := embedded.TokenizeFile(p, "Once upon a time", false, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(with) != len(without)+1 || !slices.Equal(with[1:], without) || len(without) == 0 {
		t.Fatalf("with BOS %v, without %v", with, without)
	}
	if _, err := embedded.TokenizeFile(filepath.Join(t.TempDir(), "missing.gguf"), "x", true, true); err == nil {
		t.Fatal("a missing file tokenized")
	}
}
