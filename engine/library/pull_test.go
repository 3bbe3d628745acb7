package library_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/catalog"
	"github.com/hearth-app/hearth/engine/download"
	"github.com/hearth-app/hearth/engine/library"
)

// modelServer serves a small GGUF model at /m/Tiny-Q4_K_M.gguf and returns
// its URL and digest.
func modelServer(t *testing.T) (string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Tiny-Q4_K_M.gguf")
	writeModel(t, path, "Tiny")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	srv := httptest.NewServer(http.StripPrefix("/m/", http.FileServer(http.Dir(filepath.Dir(path)))))
	t.Cleanup(srv.Close)
	return srv.URL + "/m/Tiny-Q4_K_M.gguf", hex.EncodeToString(sum[:])
}

// testCatalog is a catalog with one model served by a test server.
func testCatalog(t *testing.T, url, sha string) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Parse(fmt.Appendf(nil, `{"version":1,"models":[{"name":"tiny","kind":"chat","url":%q,"sha256":%q,"size":0}]}`, url, sha))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPullFromCatalog(t *testing.T) {
	url, sha := modelServer(t)
	lib := newLibrary(t)
	lib.Catalog = testCatalog(t, url, sha)
	if _, err := lib.Pull(context.Background(), "tiny", library.PullOptions{}); !errors.Is(err, download.ErrInsecure) {
		t.Fatalf("catalog pull over http: %v, want ErrInsecure", err)
	}
	lib.LoopbackHTTP = true
	var last download.Progress
	e, err := lib.Pull(context.Background(), "tiny", library.PullOptions{Progress: func(p download.Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "tiny" || e.Origin != library.Downloaded || !e.Verified || e.SHA256 != sha ||
		filepath.Dir(e.Path) != lib.Dir() || e.Architecture != "llama" || e.URL != url {
		t.Errorf("pulled %+v", e)
	}
	if last.Done != e.Size {
		t.Errorf("last progress %+v, want all %d bytes", last, e.Size)
	}
	got, err := lib.Resolve("tiny")
	if err != nil || got.Path != e.Path {
		t.Fatalf("Resolve after pull: %+v, %v", got, err)
	}
	if _, err := lib.Remove("tiny"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(e.Path); !os.IsNotExist(err) {
		t.Errorf("removing a downloaded model left its file: %v", err)
	}
}

func TestPullFromURL(t *testing.T) {
	url, sha := modelServer(t)
	tests := []struct {
		name     string
		opts     library.PullOptions
		wantName string
		wantErr  error
	}{
		{"name from the file", library.PullOptions{SHA256: sha}, "tiny-q4_k_m", nil},
		{"name given", library.PullOptions{SHA256: sha, Name: "my-tiny"}, "my-tiny", nil},
		{"unverified", library.PullOptions{}, "tiny-q4_k_m", nil},
		{"wrong checksum", library.PullOptions{SHA256: strings.Repeat("0", 64)}, "", download.ErrChecksum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib := newLibrary(t)
			e, err := lib.Pull(context.Background(), url, tt.opts)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error %v, want %v", err, tt.wantErr)
				}
				if list, _ := lib.List(); len(list) != 0 {
					t.Errorf("a failed pull was recorded: %+v", list)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.Name != tt.wantName || e.Verified != (tt.opts.SHA256 != "") || e.SHA256 != sha {
				t.Errorf("pulled %+v", e)
			}
		})
	}
}

func TestPullRefusals(t *testing.T) {
	url, sha := modelServer(t)
	lib := newLibrary(t)
	lib.Catalog = testCatalog(t, url, sha)
	ctx := context.Background()
	if _, err := lib.Pull(ctx, "no-such-model", library.PullOptions{}); !errors.Is(err, engine.ErrModelNotFound) {
		t.Errorf("unknown name: %v, want ErrModelNotFound", err)
	}
	if _, err := lib.Pull(ctx, "tiny", library.PullOptions{SHA256: strings.Repeat("1", 64)}); err == nil {
		t.Error("a --sha256 contradicting the catalog was accepted")
	}
	if _, err := lib.Pull(ctx, "https://example.com/page.html", library.PullOptions{}); err == nil {
		t.Error("a URL that is not a .gguf file was accepted")
	}
	src := filepath.Join(t.TempDir(), "x.gguf")
	writeModel(t, src, "X")
	if _, err := lib.Import(src, "tiny"); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Pull(ctx, "tiny", library.PullOptions{}); !errors.Is(err, library.ErrExists) {
		t.Errorf("pull over an imported model's name: %v, want ErrExists", err)
	}
}
