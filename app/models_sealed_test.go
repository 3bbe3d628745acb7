package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestModelPathsAreSealed imports a model from a folder with a telling name
// and checks that the name appears nowhere under HEARTH_HOME: where a user's
// models lie is kept in the encrypted store.
func TestModelPathsAreSealed(t *testing.T) {
	home := t.TempDir()
	setHome(t, home)
	src, err := os.ReadFile(filepath.Join(testData(t), "models", "stories260K.gguf"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "secret-project-aubergine")
	os.MkdirAll(dir, 0o700)
	model := filepath.Join(dir, "stories.gguf")
	if err := os.WriteFile(model, src, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "models", "import", model, "--name", "stories"); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if code, out, errOut := run(t, "models", "list"); code != 0 || !strings.Contains(out, "stories") {
		t.Fatalf("list: exit %d, %q, %q", code, out, errOut)
	}
	filepath.Walk(home, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), "aubergine") {
			t.Errorf("the model's path is readable in %s", p)
		}
		return nil
	})
}
