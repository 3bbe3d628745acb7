package ollama_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/ollama"
)

// fakeServer answers every request with h; it stands in for Ollama where the
// real server cannot be made to fail on purpose.
func fakeServer(t *testing.T, h http.HandlerFunc) *ollama.Backend {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	b, err := ollama.New(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// drain runs a generation to its end and returns the text and the error.
func drain(ctx context.Context, b engine.Backend, req engine.Request) (string, error) {
	var sb strings.Builder
	for c, err := range b.Generate(ctx, req) {
		if err != nil {
			return sb.String(), err
		}
		sb.WriteString(c.Text)
	}
	return sb.String(), nil
}

func chatReq(model string) engine.Request {
	return engine.Request{Model: model, Messages: []engine.Message{{Role: "user", Content: "hi"}}}
}

func TestErrorsFromServer(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		kind     error
		msgParts []string
	}{
		{"model not found", 404, `{"error":"model \"nope\" not found, try pulling it first"}`,
			engine.ErrModelNotFound, []string{`has no model "nope"`}},
		{"out of memory", 500, `{"error":"model requires more system memory (9.0 GiB) than is available (2.0 GiB)"}`,
			engine.ErrOutOfMemory, []string{"not enough memory", "9.0 GiB"}},
		{"cuda oom", 500, `{"error":"llama runner process has terminated: cudaMalloc failed: out of memory"}`,
			engine.ErrOutOfMemory, []string{"not enough memory"}},
		{"other error", 400, `{"error":"invalid options"}`,
			nil, []string{"invalid options"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			})
			_, err := drain(context.Background(), b, chatReq("nope"))
			checkErr(t, err, tt.kind, tt.msgParts)
			_, err = b.Embed(context.Background(), "nope", []string{"x"})
			checkErr(t, err, tt.kind, tt.msgParts)
		})
	}
}

func checkErr(t *testing.T, err, kind error, parts []string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("error %q does not match %v", err, kind)
	}
	for _, k := range []error{engine.ErrModelNotFound, engine.ErrOutOfMemory, engine.ErrBackendDown} {
		if k != kind && errors.Is(err, k) {
			t.Errorf("error %q wrongly matches %v", err, k)
		}
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not say %q", err, p)
		}
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q is not one line", err)
	}
}

func TestServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	b, err := ollama.New(addr)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("Ollama is not running at http://%s", addr)
	ctx := context.Background()
	_, err = b.List(ctx)
	checkErr(t, err, engine.ErrBackendDown, []string{want})
	_, err = drain(ctx, b, chatReq("stories"))
	checkErr(t, err, engine.ErrBackendDown, []string{want})
	_, err = b.Embed(ctx, "stories", []string{"x"})
	checkErr(t, err, engine.ErrBackendDown, []string{want})
	err = b.Pull(ctx, "stories", nil)
	checkErr(t, err, engine.ErrBackendDown, []string{want})
}

func TestStreamCutShort(t *testing.T) {
	b := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		io.WriteString(w, `{"model":"m","message":{"role":"assistant","content":"Once"},"done":false}`+"\n")
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // drop the connection without the final message
	})
	text, err := drain(context.Background(), b, chatReq("m"))
	if text != "Once" {
		t.Errorf("text %q, want the chunk sent before the cut", text)
	}
	checkErr(t, err, engine.ErrBackendDown, []string{"stopped before the answer was complete"})
}

func TestPullProgress(t *testing.T) {
	b := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/pull" {
			http.NotFound(w, r)
			return
		}
		for _, line := range []string{
			`{"status":"pulling manifest"}`,
			`{"status":"pulling abc","digest":"sha256:abc","total":100,"completed":40}`,
			`{"status":"pulling abc","digest":"sha256:abc","total":100,"completed":100}`,
			`{"status":"success"}`,
		} {
			io.WriteString(w, line+"\n")
		}
	})
	var got []ollama.Progress
	if err := b.Pull(context.Background(), "qwen2.5:0.5b", func(p ollama.Progress) { got = append(got, p) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[1].Completed != 40 || got[1].Total != 100 || got[3].Status != "success" {
		t.Errorf("progress %+v", got)
	}
}

func TestPullUnknownModel(t *testing.T) {
	b := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		io.WriteString(w, `{"error":"pull model manifest: file does not exist"}`)
	})
	err := b.Pull(context.Background(), "no-such-model", nil)
	checkErr(t, err, engine.ErrModelNotFound, []string{"no-such-model"})
}
