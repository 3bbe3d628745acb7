package library_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/library"
)

// TestScanOllamaHostileDigest lays out manifests whose model digest would
// lead a path out of blobs/ (or is simply malformed) next to a real GGUF the
// traversal would reach. Each is skipped with a reason; none is found.
func TestScanOllamaHostileDigest(t *testing.T) {
	tests := []struct{ name, digest string }{
		{"traversal", "sha256:x/../../outside.gguf"},
		{"etc passwd", "sha256:../../etc/passwd"},
		{"absolute", "sha256:/etc/passwd"},
		{"backslash traversal", `sha256:x\\..\\..\\outside.gguf`},
		{"short", "sha256:abc"},
		{"long", "sha256:" + strings.Repeat("a", 65)},
		{"uppercase", "sha256:" + strings.Repeat("A", 64)},
		{"other algorithm", "sha512:" + strings.Repeat("a", 64)},
		{"no algorithm", strings.Repeat("a", 64)},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			dir := filepath.Join(home, ".ollama", "models")
			put(t, filepath.Join(dir, "outside.gguf"), ggufBytes)
			put(t, filepath.Join(dir, "blobs", "sha256-x", "keep"), "")
			manifest := filepath.Join(dir, "manifests", "registry.ollama.ai", "library", "evil", "latest")
			put(t, manifest, `{"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":`+
				quote(tt.digest)+`,"size":19}]}`)
			found, skipped := library.ScanReport(library.Env{Home: home, GOOS: "darwin"})
			for _, f := range found {
				if strings.HasPrefix(f.Path, home) {
					t.Errorf("found %+v from a hostile manifest", f)
				}
			}
			if len(skipped) != 1 || skipped[0].Path != manifest || !strings.Contains(skipped[0].Reason, "digest") {
				t.Fatalf("skipped = %+v, want the manifest with a reason about its digest", skipped)
			}
			if strings.Contains(skipped[0].Reason, "\n") {
				t.Errorf("reason %q is not one line", skipped[0].Reason)
			}
		})
	}
}

// TestScanOllamaValidDigest checks the valid layout still scans and reports
// nothing skipped.
func TestScanOllamaValidDigest(t *testing.T) {
	home := t.TempDir()
	ollamaLayout(t, filepath.Join(home, ".ollama", "models"), "registry.ollama.ai/library/llama3.2/1b", "aaa")
	found, skipped := library.ScanReport(library.Env{Home: home, GOOS: "darwin"})
	if len(found) != 1 || found[0].Name != "llama3.2-1b" || len(skipped) != 0 {
		t.Fatalf("found %+v, skipped %+v", found, skipped)
	}
}

// quote writes s as a JSON string.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
