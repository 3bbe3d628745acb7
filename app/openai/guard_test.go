package openai_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	oai "github.com/openai/openai-go/v3"

	"github.com/hearth-app/hearth/app/openai"
	"github.com/hearth-app/hearth/engine"
)

// call sends an authorised request to the server at base and returns the
// status and body.
func call(t *testing.T, method, base, path, body string, edit func(*http.Request)) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	if edit != nil {
		edit(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A page on a rebound DNS name reaches the port, but its requests carry its
// own name in Host and its origin in Origin: both are refused.
func TestHostAndOrigin(t *testing.T) {
	base := startServer(t, &stubBackend{chunks: textChunks()})
	u, _ := url.Parse(base)
	port := u.Port()
	tests := []struct {
		name, host, origin string
		status             int
	}{
		{"listening address", "", "", 200},
		{"localhost", "localhost:" + port, "", 200},
		{"other loopback name", "127.0.0.1:" + port, "", 200},
		{"rebound name", "rebind.attacker.example:" + port, "", 403},
		{"rebound name without port", "rebind.attacker.example", "", 403},
		{"other port", "127.0.0.1:1", "", 403},
		{"lan address", "192.168.1.20:" + port, "", 403},
		{"own origin", "", "http://127.0.0.1:" + port, 200},
		{"localhost origin", "", "http://localhost:" + port, 200},
		{"foreign origin", "", "http://attacker.example", 403},
		{"foreign origin on the same host", "", "http://127.0.0.1:1", 403},
		{"https origin", "", "https://127.0.0.1:" + port, 403},
		{"null origin", "", "null", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := call(t, "GET", base, "models", "", func(r *http.Request) {
				if tt.host != "" {
					r.Host = tt.host
				}
				if tt.origin != "" {
					r.Header.Set("Origin", tt.origin)
				}
			})
			if status != tt.status {
				t.Fatalf("answer %d %s, want %d", status, body, tt.status)
			}
			if status == 403 && (!strings.Contains(body, `"forbidden"`) || strings.Contains(body, "tiny")) {
				t.Errorf("refusal %s", body)
			}
		})
	}
	t.Run("refused before the token is checked", func(t *testing.T) {
		status, _ := call(t, "GET", base, "models", "", func(r *http.Request) {
			r.Host = "rebind.attacker.example:" + port
			r.Header.Del("Authorization")
		})
		if status != 403 {
			t.Errorf("answer %d, want 403", status)
		}
	})
}

// The model field takes a listed name, never a path; whether a path names
// a file or not, the answer is the same and the backend never sees it.
func TestModelIsAListedName(t *testing.T) {
	b := &stubBackend{chunks: textChunks()}
	base := startServer(t, b)
	chat := func(model string) (int, string) {
		return call(t, "POST", base, "chat/completions",
			fmt.Sprintf(`{"model":%q,"messages":[{"role":"user","content":"hi"}]}`, model), nil)
	}
	var bodies []string
	for _, model := range []string{"/etc/passwd", "/nonexistent/model.gguf", "../../../etc/hostname", "C:\\Windows\\win.ini", "tiny/../tiny", "nope"} {
		status, body := chat(model)
		if status != 404 || !strings.Contains(body, "model_not_found") {
			t.Errorf("model %q: answer %d %s", model, status, body)
		}
		bodies = append(bodies, body)
	}
	for _, body := range bodies[1:] {
		if body != bodies[0] {
			t.Errorf("answers differ with the path:\n%s\n%s", bodies[0], body)
		}
	}
	if got := b.lastRequest().Model; got != "" {
		t.Errorf("the backend was asked for %q", got)
	}
	if status, body := chat("TINY"); status != 200 || b.lastRequest().Model != "tiny" {
		t.Errorf("listed name in capitals: %d %s, backend got %q", status, body, b.lastRequest().Model)
	}
}

// Options.Models decides the names: GET /v1/models lists them and requests
// may use them, and only them.
func TestModelsOption(t *testing.T) {
	b := &stubBackend{chunks: textChunks()}
	base := startServerWith(t, b, openai.Options{Models: func(context.Context) ([]string, error) {
		return []string{"stories260k"}, nil
	}})
	c := client(base, testToken)
	page, err := c.Models.List(context.Background())
	if err != nil || len(page.Data) != 1 || page.Data[0].ID != "stories260k" {
		t.Fatalf("models %+v %v", page, err)
	}
	if status, _ := call(t, "POST", base, "chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"hi"}]}`, nil); status != 404 {
		t.Errorf("a model the backend lists but Models does not: %d", status)
	}
	if status, body := call(t, "POST", base, "completions", `{"model":"stories260k","prompt":"Once"}`, nil); status != 200 || b.lastRequest().Model != "stories260k" {
		t.Errorf("listed model: %d %s", status, body)
	}
}

// A backend's error can name files; the client is told only what kind of
// failure it was.
func TestErrorsDoNotLeakPaths(t *testing.T) {
	secret := "/home/someone/.local/share/hearth/models/private-notes.gguf"
	for _, kind := range []error{engine.ErrUnsupported, engine.ErrModelNotFound, engine.ErrOutOfMemory, errors.New("boom")} {
		t.Run(kind.Error(), func(t *testing.T) {
			base := startServer(t, &stubBackend{err: fmt.Errorf("open %s: %w", secret, kind)})
			for _, stream := range []string{"false", "true"} {
				_, body := call(t, "POST", base, "chat/completions", `{"model":"tiny","stream":`+stream+`,"messages":[{"role":"user","content":"hi"}]}`, nil)
				if strings.Contains(body, "private-notes") || strings.Contains(body, "/home/") {
					t.Errorf("stream %s: the answer names the file: %s", stream, body)
				}
			}
		})
	}
}

func TestLocked(t *testing.T) {
	var locked atomic.Bool
	locked.Store(true)
	base := startServerWith(t, &stubBackend{chunks: textChunks()}, openai.Options{Locked: locked.Load})
	c := client(base, testToken)
	_, err := c.Chat.Completions.New(context.Background(), chatParams("tiny"))
	var apiErr *oai.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusLocked {
		t.Fatalf("while locked: %v", err)
	}
	if status, _ := call(t, "GET", base, "models", "", func(r *http.Request) { r.Header.Del("Authorization") }); status != 401 {
		t.Errorf("without the token while locked: %d, want 401", status)
	}
	locked.Store(false)
	if _, err := c.Chat.Completions.New(context.Background(), chatParams("tiny")); err != nil {
		t.Errorf("after unlock: %v", err)
	}
}
