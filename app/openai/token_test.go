package openai_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/app/openai"
)

func TestLoadOrCreateToken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "api-token")
	tok, err := openai.LoadOrCreateToken(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok, "hearth-") || len(tok) != len("hearth-")+64 {
		t.Errorf("token %q", tok)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v, want 0600", fi.Mode().Perm())
	}
	again, err := openai.LoadOrCreateToken(path)
	if err != nil || again != tok {
		t.Errorf("second load %q, %v; want the same token", again, err)
	}
	other, _ := openai.LoadOrCreateToken(filepath.Join(t.TempDir(), "api-token"))
	if other == tok {
		t.Error("two data directories got the same token")
	}
	if runtime.GOOS != "windows" {
		os.Chmod(path, 0o644)
		if _, err := openai.LoadOrCreateToken(path); err == nil {
			t.Error("a token file others can read was accepted")
		}
	}
}
