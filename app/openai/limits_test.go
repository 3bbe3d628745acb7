package openai_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"iter"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app/openai"
	"github.com/hearth-app/hearth/engine"
)

// pacedBackend answers with n chunks of size bytes, every gap, until the
// client goes away; ended receives how each generation ended.
type pacedBackend struct {
	stubBackend
	n     int
	size  int
	gap   time.Duration
	ended chan error
}

func (b *pacedBackend) Generate(ctx context.Context, req engine.Request) iter.Seq2[engine.Chunk, error] {
	return func(yield func(engine.Chunk, error) bool) {
		piece := strings.Repeat("x", b.size)
		for i := 0; b.n == 0 || i < b.n; i++ {
			select {
			case <-ctx.Done():
				b.ended <- ctx.Err()
				return
			case <-time.After(b.gap):
			}
			if !yield(engine.Chunk{Text: piece}, nil) {
				b.ended <- fmt.Errorf("stopped after %d chunks", i)
				return
			}
		}
		yield(engine.Chunk{Done: true, Stats: &engine.Stats{StopReason: "length"}}, nil)
		b.ended <- nil
	}
}

// rawRequest opens a connection to base's host and writes head and body.
func rawRequest(t *testing.T, base, head, body string) net.Conn {
	t.Helper()
	u, _ := url.Parse(base)
	c, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "%s\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n%s", head, u.Host, testToken, body)
	return c
}

// A streamed answer lasts longer than every timeout while its client reads
// it: the write timeout bounds each write, not the answer.
func TestLongStreamOutlivesTimeouts(t *testing.T) {
	b := &pacedBackend{n: 12, size: 10, gap: 100 * time.Millisecond, ended: make(chan error, 1)}
	lim := openai.Limits{ReadTimeout: 300 * time.Millisecond, WriteTimeout: 300 * time.Millisecond, HeaderTimeout: 300 * time.Millisecond}
	base := startServerWith(t, b, openai.Options{Limits: lim})
	status, body := call(t, "POST", base, "chat/completions", `{"model":"tiny","stream":true,"messages":[{"role":"user","content":"hi"}]}`, nil)
	if status != 200 || strings.Count(body, strings.Repeat("x", 10)) != 12 || !strings.HasSuffix(body, "data: [DONE]\n\n") {
		t.Fatalf("answer %d %s", status, body)
	}
	if err := <-b.ended; err != nil {
		t.Errorf("generation ended with %v", err)
	}
}

// A client that asks for a stream and stops reading is dropped once a
// write has waited the write timeout, and its generation stops.
func TestStalledReaderIsDropped(t *testing.T) {
	b := &pacedBackend{size: 64 << 10, gap: time.Millisecond, ended: make(chan error, 1)}
	base := startServerWith(t, b, openai.Options{Limits: openai.Limits{WriteTimeout: 300 * time.Millisecond}})
	body := `{"model":"tiny","stream":true,"messages":[{"role":"user","content":"hi"}]}`
	rawRequest(t, base, fmt.Sprintf("POST /v1/chat/completions HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: %d", len(body)), body)
	select {
	case err := <-b.ended:
		t.Logf("generation ended: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("the generation for a client that stopped reading still runs after 20 s")
	}
}

// A body that stops arriving is answered 408 after the read timeout.
func TestSlowBodyTimesOut(t *testing.T) {
	base := startServerWith(t, &stubBackend{chunks: textChunks()}, openai.Options{Limits: openai.Limits{ReadTimeout: 300 * time.Millisecond}})
	c := rawRequest(t, base, "POST /v1/chat/completions HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100", `{"model":`)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no answer within 10 s to a body that stopped: %v", err)
	}
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("answer %s, want 408", resp.Status)
	}
}

// A kept-alive connection that sends nothing is closed.
func TestIdleConnectionCloses(t *testing.T) {
	base := startServerWith(t, &stubBackend{}, openai.Options{Limits: openai.Limits{IdleTimeout: 200 * time.Millisecond}})
	c := rawRequest(t, base, "GET /v1/models HTTP/1.1", "")
	r := bufio.NewReader(c)
	resp, err := http.ReadResponse(r, nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("answer %v %v", resp, err)
	}
	io.Copy(io.Discard, resp.Body)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := r.ReadByte(); err != io.EOF {
		t.Errorf("idle connection: read gave %v, want EOF", err)
	}
}

func TestBodyTooLarge(t *testing.T) {
	b := &stubBackend{chunks: textChunks()}
	base := startServerWith(t, b, openai.Options{Limits: openai.Limits{MaxBody: 1 << 10}})
	big := `{"model":"tiny","messages":[{"role":"user","content":"` + strings.Repeat("a", 2<<10) + `"}]}`
	t.Run("with a length", func(t *testing.T) {
		if status, body := call(t, "POST", base, "chat/completions", big, nil); status != http.StatusRequestEntityTooLarge {
			t.Errorf("answer %d %s, want 413", status, body)
		}
	})
	t.Run("chunked", func(t *testing.T) {
		status, body := call(t, "POST", base, "chat/completions", big, func(r *http.Request) {
			r.Body = io.NopCloser(strings.NewReader(big))
			r.ContentLength = -1
		})
		if status != http.StatusRequestEntityTooLarge {
			t.Errorf("answer %d %s, want 413", status, body)
		}
	})
	if status, _ := call(t, "POST", base, "chat/completions", `{"model":"tiny","messages":[{"role":"user","content":"hi"}]}`, nil); status != 200 {
		t.Errorf("a small body: %d", status)
	}
	if got := b.lastRequest().Messages; len(got) != 1 || got[0].Content != "hi" {
		t.Errorf("the backend got %+v", got)
	}
}

// Connections over the cap are refused until one closes.
func TestConnectionCap(t *testing.T) {
	base := startServerWith(t, &stubBackend{}, openai.Options{Limits: openai.Limits{MaxConns: 2}})
	u, _ := url.Parse(base)
	var held []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	fresh := func() (int, error) {
		cl := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 5 * time.Second}
		req, _ := http.NewRequest("GET", base+"models", nil)
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := cl.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	if status, err := fresh(); status == 200 {
		t.Fatalf("a third connection was served: %d %v", status, err)
	} else if err == nil && status != http.StatusServiceUnavailable {
		t.Errorf("a third connection got %d, want 503", status)
	}
	held[0].Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		status, err := fresh()
		if status == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no place after a connection closed: %d %v", status, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	held[1].Close()
}

// gateBackend blocks each generation until released, and reports the
// prompt of each one that starts.
type gateBackend struct {
	stubBackend
	started chan string
	release chan struct{}
}

func (b *gateBackend) Generate(ctx context.Context, req engine.Request) iter.Seq2[engine.Chunk, error] {
	return func(yield func(engine.Chunk, error) bool) {
		b.started <- req.Messages[len(req.Messages)-1].Content
		select {
		case <-b.release:
		case <-ctx.Done():
			yield(engine.Chunk{}, ctx.Err())
			return
		}
		yield(engine.Chunk{Text: "ok", Done: true, Stats: &engine.Stats{StopReason: "eos"}}, nil)
	}
}

// chatAsync sends a chat request with ctx and reports its status (0 when
// it failed) on the returned channel.
func chatAsync(ctx context.Context, base, prompt string) chan int {
	out := make(chan int, 1)
	go func() {
		body := fmt.Sprintf(`{"model":"tiny","messages":[{"role":"user","content":%q}]}`, prompt)
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"chat/completions", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			out <- 0
			return
		}
		resp.Body.Close()
		out <- resp.StatusCode
	}()
	return out
}

// A request waiting for its turn whose client goes away is dropped, never
// run; a full queue is answered 503.
func TestQueueDropsLeftRequests(t *testing.T) {
	b := &gateBackend{started: make(chan string, 4), release: make(chan struct{})}
	base := startServerWith(t, b, openai.Options{Limits: openai.Limits{Generators: 1, MaxQueued: 1}})
	first := chatAsync(context.Background(), base, "first")
	if got := <-b.started; got != "first" {
		t.Fatalf("started %q", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	waiting := chatAsync(ctx, base, "gave up")
	time.Sleep(500 * time.Millisecond) // it reaches the queue
	ctx3, cancel3 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel3()
	if status := <-chatAsync(ctx3, base, "third"); status != http.StatusServiceUnavailable {
		t.Errorf("with one running and one waiting: %d, want 503", status)
	}
	cancel()
	if status := <-waiting; status != 0 {
		t.Fatalf("the cancelled request got %d", status)
	}
	time.Sleep(500 * time.Millisecond) // the server sees the client leave
	close(b.release)
	if status := <-first; status != 200 {
		t.Fatalf("first request: %d", status)
	}
	select {
	case got := <-b.started:
		t.Fatalf("the request %q ran although its client had gone", got)
	case <-time.After(500 * time.Millisecond):
	}
	if status := <-chatAsync(context.Background(), base, "later"); status != 200 || <-b.started != "later" {
		t.Errorf("a later request: %d", status)
	}
}

// A request that waited while Hearth locked is answered 423, not run.
func TestQueuedRequestSeesTheLock(t *testing.T) {
	b := &gateBackend{started: make(chan string, 4), release: make(chan struct{})}
	var locked atomic.Bool
	base := startServerWith(t, b, openai.Options{Locked: locked.Load})
	first := chatAsync(context.Background(), base, "first")
	<-b.started
	waiting := chatAsync(context.Background(), base, "waiting")
	time.Sleep(500 * time.Millisecond) // it reaches the queue
	locked.Store(true)
	close(b.release)
	if status := <-first; status != 200 {
		t.Errorf("the running request: %d", status)
	}
	if status := <-waiting; status != http.StatusLocked {
		t.Errorf("the waiting request: %d, want 423", status)
	}
	select {
	case got := <-b.started:
		t.Errorf("%q ran while locked", got)
	default:
	}
}
