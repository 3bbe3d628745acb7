package library_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/library"
)

func TestNameFor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Qwen2.5-0.5B-Instruct-Q4_K_M.gguf", "qwen2.5-0.5b-instruct-q4_k_m"},
		{"/some/dir/Llama 3.2 1B (Instruct).GGUF", "llama-3.2-1b-instruct"},
		{"llama3.2:1b", "llama3.2-1b"},
		{"Qwen2.5 0.5B Instruct", "qwen2.5-0.5b-instruct"},
		{"--x--", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := library.NameFor(tt.in)
			if got != tt.want || !library.ValidName(got) {
				t.Errorf("NameFor(%q) = %q (valid %v), want %q", tt.in, got, library.ValidName(got), tt.want)
			}
		})
	}
}

func TestInspect(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.gguf")
	writeModel(t, path, "Tiny Stories")
	info, err := library.Inspect(path)
	if err != nil {
		t.Fatal(err)
	}
	want := library.Info{Title: "Tiny Stories", Architecture: "llama", Quantization: "Q4_K_M", Parameters: "260K", ContextLength: 2048}
	if info != want {
		t.Errorf("Inspect = %+v, want %+v", info, want)
	}
	junk := filepath.Join(t.TempDir(), "junk.gguf")
	os.WriteFile(junk, []byte("<!DOCTYPE html><html></html>"), 0o600)
	if _, err := library.Inspect(junk); !errors.Is(err, library.ErrNotModel) || !errors.Is(err, gguf.ErrNotGGUF) {
		t.Errorf("Inspect of an HTML file: %v, want ErrNotModel wrapping gguf.ErrNotGGUF", err)
	}
}

func TestImportResolveRemove(t *testing.T) {
	lib := newLibrary(t)
	src := filepath.Join(t.TempDir(), "elsewhere", "Tiny-Stories-Q4_K_M.gguf")
	writeModel(t, src, "Tiny Stories")

	e, err := lib.Import(src, "")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "tiny-stories-q4_k_m" || e.Path != src || e.Origin != library.Imported || e.Architecture != "llama" || e.Size == 0 {
		t.Errorf("imported %+v", e)
	}
	if _, err := os.Stat(lib.Dir()); err == nil {
		t.Error("import wrote into the models directory; it must not copy")
	}
	if _, err := lib.Import(src, ""); err != nil {
		t.Errorf("importing the same file again: %v", err)
	}
	other := filepath.Join(t.TempDir(), "other.gguf")
	writeModel(t, other, "Other")
	if _, err := lib.Import(other, "tiny-stories-q4_k_m"); !errors.Is(err, library.ErrExists) {
		t.Errorf("a second file under a taken name: %v, want ErrExists", err)
	}

	for _, ref := range []string{"tiny-stories-q4_k_m", "TINY-STORIES-Q4_K_M", src} {
		got, err := lib.Resolve(ref)
		if err != nil || got.Path != src {
			t.Errorf("Resolve(%q) = %+v, %v", ref, got, err)
		}
	}
	if _, err := lib.Resolve("no-such-model"); !errors.Is(err, engine.ErrModelNotFound) {
		t.Errorf("Resolve of an unknown name: %v, want ErrModelNotFound", err)
	}

	if _, err := lib.Remove("tiny-stories-q4_k_m"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(src); err != nil {
		t.Fatalf("removing an imported model deleted its file: %v", err)
	}
	if list, _ := lib.List(); len(list) != 0 {
		t.Errorf("list after remove: %+v", list)
	}
	if _, err := lib.Remove("tiny-stories-q4_k_m"); !errors.Is(err, engine.ErrModelNotFound) {
		t.Errorf("removing twice: %v, want ErrModelNotFound", err)
	}
}

func TestImportRefusesNonModels(t *testing.T) {
	lib := newLibrary(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "notes.gguf")
	os.WriteFile(junk, []byte("hello"), 0o600)
	tests := []struct {
		name, path string
	}{
		{"not gguf", junk},
		{"missing", filepath.Join(dir, "nope.gguf")},
		{"directory", dir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := lib.Import(tt.path, ""); err == nil {
				t.Error("imported")
			}
			if list, _ := lib.List(); len(list) != 0 {
				t.Errorf("recorded %+v", list)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	lib := newLibrary(t)
	src := filepath.Join(t.TempDir(), "gone.gguf")
	writeModel(t, src, "Gone")
	if _, err := lib.Import(src, "gone"); err != nil {
		t.Fatal(err)
	}
	os.Remove(src)
	list, err := lib.List()
	if err != nil || len(list) != 1 || !list[0].Missing {
		t.Fatalf("list %+v, %v: want the entry marked missing", list, err)
	}
	if _, err := lib.Resolve("gone"); err == nil {
		t.Error("resolved a model whose file is gone")
	}
}

func TestDamagedStore(t *testing.T) {
	dir := t.TempDir()
	store := library.NewFileStore(dir)
	store.Put("models.library", []byte("{not json"))
	lib := library.New(filepath.Join(dir, "models"), store)
	if _, err := lib.List(); err == nil {
		t.Error("a damaged list was read as empty; it must be reported")
	}
}
