package library_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/library"
)

// anyPathServer serves the same small model at every path, as a hostile
// host would for names built to escape the library's directory.
func anyPathServer(t *testing.T) (string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "model.gguf")
	writeModel(t, path, "Tiny")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	digest := hex.EncodeToString(sum[:])
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/etag/") {
			w.Header().Set("Etag", `"`+digest+`"`)
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, digest
}

// TestPullFileName pulls URLs whose last element, decoded, is a path (on
// Windows "%5C" is a separator too), empty or overly long. The file always
// lands in the library's directory under a valid model name, or the pull is
// refused with a sentence.
func TestPullFileName(t *testing.T) {
	base, _ := anyPathServer(t)
	long := strings.Repeat("a", 300)
	tests := []struct {
		name, path, want string // want "" for a refusal
	}{
		{"encoded slash", "/m/..%2F..%2Fescape.gguf", "escape"},
		{"encoded backslash", "/m/..%5C..%5Cescape.gguf", "escape"},
		{"encoded backslash inside", "/m/a%5C..%5C..%5Cevil.gguf", "a-..-..-evil"},
		{"literal backslashes", `/m/..\..\evil.gguf`, "evil"},
		{"dots only", "/m/....gguf", ""},
		{"empty", "/m/.gguf", ""},
		{"overly long", "/m/" + long + ".gguf", long[:80]},
		{"windows drive", "/m/C:%5CWindows%5Cevil.gguf", "c-windows-evil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib := newLibrary(t)
			root := filepath.Dir(lib.Dir())
			e, err := lib.Pull(context.Background(), base+tt.path, library.PullOptions{})
			if tt.want == "" {
				if err == nil {
					t.Fatalf("pulled %+v, want a refusal", e)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error is not one line: %q", err)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if e.Name != tt.want || e.Path != filepath.Join(lib.Dir(), tt.want+".gguf") {
					t.Errorf("pulled %s to %s, want %s in %s", e.Name, e.Path, tt.want, lib.Dir())
				}
			}
			// Nothing outside the library's directory (the store's
			// settings aside).
			settings := filepath.Join(root, "settings")
			filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && filepath.Dir(p) != lib.Dir() && filepath.Dir(p) != settings {
					t.Errorf("file written outside the library: %s", p)
				}
				return nil
			})
		})
	}
}

// TestPullCatalogFileName saves a catalog model under the catalog's name,
// whatever its URL's last element says.
func TestPullCatalogFileName(t *testing.T) {
	base, sha := anyPathServer(t)
	lib := newLibrary(t)
	lib.LoopbackHTTP = true
	lib.Catalog = testCatalog(t, base+"/m/..%2F..%2Fescape.gguf", sha)
	e, err := lib.Pull(context.Background(), "tiny", library.PullOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Path != filepath.Join(lib.Dir(), "tiny.gguf") || !e.Verified || e.ServerDigest {
		t.Errorf("pulled %+v", e)
	}
}

// TestPullServerDigestLabel records a URL pull checked only against the
// digest its own server reported as ServerDigest, not Verified; with
// --sha256 it is Verified.
func TestPullServerDigestLabel(t *testing.T) {
	base, sha := anyPathServer(t)
	lib := newLibrary(t)
	e, err := lib.Pull(context.Background(), base+"/etag/a.gguf", library.PullOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Verified || !e.ServerDigest || e.SHA256 != sha {
		t.Errorf("pulled %+v: want ServerDigest, not Verified", e)
	}
	e, err = lib.Pull(context.Background(), base+"/etag/b.gguf", library.PullOptions{SHA256: sha})
	if err != nil {
		t.Fatal(err)
	}
	if !e.Verified || e.ServerDigest {
		t.Errorf("pulled %+v with --sha256: want Verified", e)
	}
}
