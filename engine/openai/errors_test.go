package openai_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/openai"
)

// secretKey is the API key of these tests; no error may show it.
const secretKey = "sk-test-0123456789-secret"

// fakeServer answers every request with h. It stands in for a server only
// where a real one cannot be made to misbehave on purpose (refuse a key,
// redirect, stall, send garbage); the real servers are in server_test.go
// and app's tests.
func fakeServer(t *testing.T, h http.HandlerFunc, cfg openai.Config) (*openai.Backend, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg.URL = srv.URL
	if cfg.APIKey == "" {
		cfg.APIKey = secretKey
	}
	b, err := openai.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return b, strings.TrimPrefix(srv.URL, "http://")
}

// drain runs a generation to its end and returns the text, the tool calls
// and the error.
func drain(ctx context.Context, b engine.Backend, req engine.Request) (string, []engine.ToolCall, error) {
	var sb strings.Builder
	var calls []engine.ToolCall
	for c, err := range b.Generate(ctx, req) {
		if err != nil {
			return sb.String(), calls, err
		}
		sb.WriteString(c.Text)
		calls = append(calls, c.ToolCalls...)
	}
	return sb.String(), calls, nil
}

func chatReq(model string) engine.Request {
	return engine.Request{Model: model, Messages: []engine.Message{{Role: "user", Content: "hi"}}, Options: engine.Options{MaxTokens: 8}}
}

// checkSentence checks that err is one sentence about the server, matches
// kind, says each of want, and never shows the key.
func checkSentence(t *testing.T, err error, kind error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("%q does not match %v", err, kind)
	}
	var oe *openai.Error
	if !errors.As(err, &oe) {
		t.Fatalf("%q is not an *openai.Error", err)
	}
	msg := oe.Error()
	if chainHolds(err, secretKey) {
		t.Errorf("the key is in the error or its causes: %q", err)
	}
	if strings.Contains(err.Error(), secretKey) || strings.Contains(msg, "\n") || strings.Count(strings.TrimSuffix(msg, "."), ". ") > 0 {
		t.Errorf("not one sentence without the key: %q", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%q does not say %q", msg, w)
		}
	}
}

func TestWrongKey(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden} {
		var got string
		b, host := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
			got = r.Header.Get("Authorization")
			w.WriteHeader(status)
			io.WriteString(w, `{"error":{"message":"Incorrect API key provided: `+secretKey+`","type":"invalid_request_error"}}`)
		}, openai.Config{})
		_, err := b.List(context.Background())
		checkSentence(t, err, openai.ErrKeyRefused, "the server at "+host+" refused the API key")
		if got != "Bearer "+secretKey {
			t.Errorf("the key went as %q", got)
		}
		var oe *openai.Error
		errors.As(err, &oe)
		if oe.Msg != "the server at "+host+" refused the API key" {
			t.Errorf("message %q", oe.Msg)
		}
		_, _, err = drain(context.Background(), b, chatReq("m"))
		checkSentence(t, err, openai.ErrKeyRefused, "refused the API key")
	}
}

func TestNoKeyNoHeader(t *testing.T) {
	b, _ := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.Header["Authorization"]; ok {
			w.WriteHeader(400)
			return
		}
		io.WriteString(w, `{"object":"list","data":[{"id":"a"},{"id":"b"}]}`)
	}, openai.Config{APIKey: ""})
	b2, err := openai.New(openai.Config{URL: b.URL()})
	if err != nil {
		t.Fatal(err)
	}
	models, err := b2.List(context.Background())
	if err != nil || len(models) != 2 || models[1].Name != "b" || models[1].Backend != "openai" {
		t.Errorf("list %+v %v", models, err)
	}
}

func TestServerMisbehaves(t *testing.T) {
	ok := "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
	tests := []struct {
		name string
		h    http.HandlerFunc
		kind error
		want string
	}{
		{"redirect", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/v1", http.StatusTemporaryRedirect)
		},
			nil, "redirects elsewhere"},
		{"unknown model", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(404)
			io.WriteString(w, `{"error":{"message":"model \"m\" not found, try pulling it first"}}`)
		}, engine.ErrModelNotFound, `has no model "m"`},
		{"error with a newline", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(500)
			io.WriteString(w, "{\"error\":\"it broke\\ngoroutine 1 [running]:\"}")
		}, nil, "answered 500: it broke goroutine 1 [running]:"},
		{"out of memory", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(500)
			io.WriteString(w, `{"error":{"message":"CUDA error: out of memory"}}`)
		}, engine.ErrOutOfMemory, "not enough memory"},
		{"not streamed", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"choices":[{"message":{"content":"a"}}]}`)
		}, nil, "did not stream its answer"},
		{"error mid-stream", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, ok+"data: {\"error\":{\"message\":\"the runner crashed\"}}\n\n")
		}, nil, "failed in the middle of the answer: the runner crashed"},
		{"ends without finishing", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, ok)
		}, engine.ErrBackendDown, "stopped before the answer was complete"},
		{"a line too long", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, ok+"data: "+strings.Repeat("x", openai.MaxLine+1)+"\n\n")
		}, nil, "cannot read (a line of the stream is longer than 1 MiB)"},
		{"a bad tool call", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n")
		}, nil, "sent a tool call whose arguments are not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, host := fakeServer(t, tt.h, openai.Config{})
			_, _, err := drain(context.Background(), b, chatReq("m"))
			checkSentence(t, err, tt.kind, "the server at "+host, tt.want)
		})
	}
}

func TestTimeouts(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	t.Run("no answer", func(t *testing.T) {
		b, _ := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body) // the server notices a closed connection only once the body is read
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}, openai.Config{HeaderTimeout: 300 * time.Millisecond})
		_, _, err := drain(context.Background(), b, chatReq("m"))
		checkSentence(t, err, engine.ErrBackendDown, "did not answer in time")
	})
	t.Run("silent mid-stream", func(t *testing.T) {
		b, _ := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n")
			w.(http.Flusher).Flush()
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}, openai.Config{IdleTimeout: 300 * time.Millisecond})
		text, _, err := drain(context.Background(), b, chatReq("m"))
		checkSentence(t, err, engine.ErrBackendDown, "went silent")
		if text != "a" {
			t.Errorf("text before the silence %q", text)
		}
	})
}

// TestPlainHTTPStaysPrivate: with an http:// address, a public IP is
// refused before any packet is sent (the dialer's check runs before
// connect), whatever the name.
func TestPlainHTTPStaysPrivate(t *testing.T) {
	b, err := openai.New(openai.Config{URL: "http://203.0.113.7:8080", APIKey: secretKey})
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.List(context.Background())
	checkSentence(t, err, nil, "203.0.113.7:8080 is at a public address", "use https")
}

func TestEmbedAnswersChecked(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"too few", `{"data":[{"index":0,"embedding":[1,2]}]}`, "sent 1 vectors for 2 texts"},
		{"repeated index", `{"data":[{"index":0,"embedding":[1,2]},{"index":0,"embedding":[3,4]}]}`, "wrong or repeated indexes"},
		{"lengths differ", `{"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[3]}]}`, "differing lengths"},
		{"not JSON", `<html>`, "did not answer with JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := fakeServer(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, tt.body) }, openai.Config{})
			_, err := b.Embed(context.Background(), "m", []string{"a", "b"})
			checkSentence(t, err, nil, tt.want)
		})
	}
	b, _ := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"data":[{"index":1,"embedding":[3,4]},{"index":0,"embedding":[1,2]}]}`)
	}, openai.Config{})
	vecs, err := b.Embed(context.Background(), "m", []string{"a", "b"})
	if err != nil || len(vecs) != 2 || vecs[0][0] != 1 || vecs[1][0] != 3 {
		t.Errorf("vectors out of order: %v %v", vecs, err)
	}
}

// chainHolds reports whether the text of err or of any error it wraps
// holds s.
func chainHolds(err error, s string) bool {
	if err == nil {
		return false
	}
	if strings.Contains(err.Error(), s) {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if chainHolds(e, s) {
				return true
			}
		}
	case interface{ Unwrap() error }:
		return chainHolds(u.Unwrap(), s)
	}
	return false
}

// TestKeyEchoedBack: a server that repeats the key in its error messages,
// before or during the stream, does not get it shown.
func TestKeyEchoedBack(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"status": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			io.WriteString(w, `{"error":{"message":"bad request from `+secretKey+`"}}`)
		},
		"stream": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, "data: {\"error\":{\"message\":\"key "+secretKey+" expired\"}}\n\n")
		},
	} {
		t.Run(name, func(t *testing.T) {
			b, _ := fakeServer(t, h, openai.Config{})
			_, _, err := drain(context.Background(), b, chatReq("m"))
			checkSentence(t, err, nil, "[API key]")
		})
	}
}
