package library_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/engine/quant"
)

// writeModel writes a small but well-formed GGUF model file at path.
func writeModel(t *testing.T, path, title string) {
	t.Helper()
	w := gguf.NewWriter()
	w.Set("general.architecture", "llama")
	w.Set("general.name", title)
	w.Set("general.size_label", "260K")
	w.Set("general.file_type", uint32(15))
	w.Set("llama.context_length", uint32(2048))
	if err := w.AddTensor("token_embd.weight", quant.F32, []uint64{4, 2}, make([]byte, 32)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFile(path); err != nil {
		t.Fatal(err)
	}
}

// newLibrary returns an empty library in a temporary directory.
func newLibrary(t *testing.T) *library.Library {
	t.Helper()
	dir := t.TempDir()
	return library.New(filepath.Join(dir, "models"), library.NewFileStore(filepath.Join(dir, "settings")))
}
