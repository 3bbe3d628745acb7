package app_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/quant"
)

// runCtx executes the CLI in-process with ctx.
func runCtx(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	asNewProcess(func() {
		code = app.Run(ctx, args, app.IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	})
	return code, out.String(), errb.String()
}

// writeGGUF writes a small well-formed model file with a tensor of n bytes.
func writeGGUF(t *testing.T, path string, n int) {
	t.Helper()
	w := gguf.NewWriter()
	w.Set("general.architecture", "llama")
	w.Set("general.name", "Tiny")
	w.Set("general.file_type", uint32(0))
	w.Set("llama.context_length", uint32(128))
	if err := w.AddTensor("token_embd.weight", quant.F32, []uint64{uint64(n / 4)}, make([]byte, n)); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := w.WriteFile(path); err != nil {
		t.Fatal(err)
	}
}

// oneLineError checks that a failed command said why in one line, the last
// one (progress lines may come before it).
func oneLineError(t *testing.T, code int, stderr, want string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	if code == 0 || !strings.HasSuffix(stderr, "\n") || !strings.HasPrefix(last, "hearth: ") ||
		strings.Count(stderr, "hearth: ") != 1 || !strings.Contains(last, want) || strings.Contains(stderr, "goroutine") {
		t.Errorf("exit %d, stderr %q; want one error line mentioning %q", code, stderr, want)
	}
}

func TestModelsImportListRm(t *testing.T) {
	setHome(t, t.TempDir())
	ctx := context.Background()
	code, out, _ := runCtx(ctx, "models", "list")
	if code != 0 || !strings.Contains(out, "No models yet") {
		t.Fatalf("empty list: %d %q", code, out)
	}
	src := filepath.Join(t.TempDir(), "My-Model-F32.gguf")
	writeGGUF(t, src, 64)
	code, out, stderr := runCtx(ctx, "models", "import", src)
	if code != 0 || !strings.Contains(out, "Imported my-model-f32") {
		t.Fatalf("import: %d %q %q", code, out, stderr)
	}
	code, out, _ = runCtx(ctx, "models", "list")
	if code != 0 || !strings.Contains(out, "my-model-f32") || !strings.Contains(out, "imported") || !strings.Contains(out, src) {
		t.Errorf("list: %d %q", code, out)
	}
	code, out, _ = runCtx(ctx, "models", "list", "--json")
	var entries []struct{ Name, Path, Architecture string }
	if code != 0 || json.Unmarshal([]byte(out), &entries) != nil || len(entries) != 1 || entries[0].Architecture != "llama" {
		t.Errorf("list --json: %d %q", code, out)
	}
	code, out, _ = runCtx(ctx, "models", "rm", "my-model-f32")
	if code != 0 || !strings.Contains(out, "Forgot my-model-f32") {
		t.Errorf("rm: %d %q", code, out)
	}
	if _, err := os.Stat(src); err != nil {
		t.Errorf("rm of an imported model touched its file: %v", err)
	}
}

func TestModelsErrors(t *testing.T) {
	setHome(t, t.TempDir())
	junk := filepath.Join(t.TempDir(), "page.gguf")
	os.WriteFile(junk, []byte("<html>"), 0o600)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no subcommand", []string{"models"}, app.ExitUsage, "needs a subcommand"},
		{"unknown subcommand", []string{"models", "frob"}, app.ExitUsage, `unknown command "frob"`},
		{"pull without a name", []string{"pull"}, app.ExitUsage, "unknown command"},
		{"pull needs one argument", []string{"models", "pull"}, app.ExitUsage, "takes 1 argument"},
		{"bad sha256", []string{"models", "pull", "https://example.com/x.gguf", "--sha256", "xyz"}, app.ExitUsage, "not a SHA-256"},
		{"unknown model", []string{"models", "pull", "gpt-17"}, app.ExitFailure, "not in the catalog"},
		{"rm unknown", []string{"models", "rm", "nothing"}, app.ExitFailure, `no model "nothing"`},
		{"import html", []string{"models", "import", junk}, app.ExitFailure, "not a GGUF model"},
		{"import missing", []string{"models", "import", "/no/such/file.gguf"}, app.ExitFailure, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCtx(context.Background(), tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (%q)", code, tt.code, stderr)
			}
			oneLineError(t, code, stderr, tt.want)
		})
	}
}

func TestModelsListAvailable(t *testing.T) {
	setHome(t, t.TempDir())
	code, out, _ := runCtx(context.Background(), "models", "list", "--available")
	if code != 0 || !strings.Contains(out, "qwen2.5-0.5b-instruct") || !strings.Contains(out, "nomic-embed-text-v1.5") {
		t.Errorf("list --available: %d %q", code, out)
	}
}

func TestModelsImportScan(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("OLLAMA_MODELS", "")
	setHome(t, t.TempDir())
	writeGGUF(t, filepath.Join(home, ".lmstudio", "models", "pub", "repo", "Found Model-Q4_K_M.gguf"), 64)
	code, out, _ := runCtx(context.Background(), "models", "import", "--scan")
	if code != 0 || !strings.Contains(out, "LM Studio") || !strings.Contains(out, "found-model-q4_k_m") ||
		!strings.Contains(out, "hearth models import --name found-model-q4_k_m '") {
		t.Errorf("import --scan: %d %q", code, out)
	}
}

// modelHost serves one model file, optionally cutting the first answer
// short or answering slowly.
type modelHost struct {
	data    []byte
	cutOnce atomic.Bool
	slow    atomic.Bool
	srv     *httptest.Server
	// onSlow, when set, is called as a slow response starts.
	onSlow func()
}

func newModelHost(t *testing.T) *modelHost {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Tiny-F32.gguf")
	writeGGUF(t, path, 2<<20)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h := &modelHost{data: data}
	h.srv = httptest.NewServer(http.HandlerFunc(h.serve))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *modelHost) url() string { return h.srv.URL + "/Tiny-F32.gguf" }

func (h *modelHost) sha() string {
	s := sha256.Sum256(h.data)
	return hex.EncodeToString(s[:])
}

func (h *modelHost) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Etag", `"tiny-1"`)
	if h.cutOnce.Swap(false) {
		w.Header().Set("Content-Length", strconv.Itoa(len(h.data)))
		w.Write(h.data[:len(h.data)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	}
	if h.slow.Load() {
		if h.onSlow != nil {
			h.onSlow()
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(h.data)))
		for i := 0; i < len(h.data) && r.Context().Err() == nil; i += 64 << 10 {
			w.Write(h.data[i:min(i+64<<10, len(h.data))])
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
		}
		return
	}
	http.ServeContent(w, r, "Tiny-F32.gguf", time.Time{}, bytes.NewReader(h.data))
}

func TestModelsPull(t *testing.T) {
	home := t.TempDir()
	setHome(t, home)
	h := newModelHost(t)
	ctx := context.Background()

	code, out, stderr := runCtx(ctx, "models", "pull", h.url(), "--sha256", h.sha())
	if code != 0 || !strings.Contains(out, "Pulled tiny-f32") || !strings.Contains(out, "SHA-256 verified") {
		t.Fatalf("pull: %d %q %q", code, out, stderr)
	}
	if !strings.Contains(stderr, "100% ") {
		t.Errorf("no progress shown: %q", stderr)
	}
	if got, err := os.ReadFile(filepath.Join(home, "models", "tiny-f32.gguf")); err != nil || !bytes.Equal(got, h.data) {
		t.Fatalf("downloaded file: %v", err)
	}
	code, out, _ = runCtx(ctx, "models", "rm", "tiny-f32")
	if code != 0 || !strings.Contains(out, "deleted") {
		t.Errorf("rm: %d %q", code, out)
	}
	if _, err := os.Stat(filepath.Join(home, "models", "tiny-f32.gguf")); !os.IsNotExist(err) {
		t.Error("rm of a downloaded model left its file")
	}

	code, _, stderr = runCtx(ctx, "models", "pull", h.url(), "--sha256", strings.Repeat("ab", 32))
	oneLineError(t, code, stderr, "checksum mismatch")
}

func TestModelsPullResumes(t *testing.T) {
	home := t.TempDir()
	setHome(t, home)
	h := newModelHost(t)
	ctx := context.Background()

	h.cutOnce.Store(true)
	code, _, stderr := runCtx(ctx, "models", "pull", h.url(), "--sha256", h.sha())
	oneLineError(t, code, stderr, "run it again to resume")

	code, out, stderr := runCtx(ctx, "models", "pull", h.url(), "--sha256", h.sha())
	if code != 0 || !strings.Contains(stderr, "resumed at") || !strings.Contains(out, "SHA-256 verified") {
		t.Fatalf("second pull: %d %q %q", code, out, stderr)
	}
}

func TestModelsPullCtrlC(t *testing.T) {
	home := t.TempDir()
	setHome(t, home)
	h := newModelHost(t)
	h.slow.Store(true)
	ctx, cancel := context.WithCancel(context.Background())
	// What Ctrl-C does to the command's context, 300 ms into the download.
	h.onSlow = func() { time.AfterFunc(300*time.Millisecond, cancel) }
	code, _, stderr := runCtx(ctx, "models", "pull", h.url(), "--sha256", h.sha())
	oneLineError(t, code, stderr, "cancelled; run the same command again to resume")
	if _, err := os.Stat(filepath.Join(home, "models", "tiny-f32.gguf")); !os.IsNotExist(err) {
		t.Fatal("a cancelled pull left a file at the final name")
	}

	h.slow.Store(false)
	code, out, stderr := runCtx(context.Background(), "models", "pull", h.url(), "--sha256", h.sha())
	if code != 0 || !strings.Contains(stderr, "resumed at") {
		t.Fatalf("pull after Ctrl-C: %d %q %q", code, out, stderr)
	}
}
