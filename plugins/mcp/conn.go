package mcp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// conn is one running session with a server: for stdio, the process too.
type conn struct {
	session *sdk.ClientSession
	cmd     *exec.Cmd     // nil for a URL
	exited  chan struct{} // closed when the process exited (stdio)
	exitErr error         // set before exited is closed
	flood   *floodGuard
	// tooLarge is set when an HTTP response passed the size limit (the SDK
	// reports that only as a request without a response).
	tooLarge atomic.Bool
	// live is the session once connected, for abort, which may run on the
	// SDK's goroutines before dial returns.
	live atomic.Pointer[sdk.ClientSession]
}

// dial starts or reaches the server of cfg and initialises a session.
func dial(ctx context.Context, cfg Config, opts Options, log *ringLog) (*conn, error) {
	c := &conn{}
	c.flood = &floodGuard{limit: opts.MaxNotificationsPerSecond, stop: c.abort}
	client := sdk.NewClient(&sdk.Implementation{Name: "hearth", Version: "1"}, c.clientOptions(cfg, opts))
	client.AddReceivingMiddleware(c.flood.middleware)
	var t sdk.Transport
	if cfg.URL != "" {
		t = httpTransport(cfg.URL, opts.MaxMessage, &c.tooLarge)
	} else {
		st, err := c.start(cfg, opts, log)
		if err != nil {
			return nil, err
		}
		t = st
	}
	ctx, cancel := context.WithTimeout(ctx, opts.StartTimeout)
	defer cancel()
	s, err := client.Connect(ctx, t, nil)
	if err != nil {
		c.kill()
		if ctx.Err() != nil {
			return nil, fmt.Errorf("it did not answer within %s%s", opts.StartTimeout, lastLine(log))
		}
		return nil, fmt.Errorf("it did not start: %s%s", oneLine(err.Error(), 200), lastLine(log))
	}
	c.session = s
	c.live.Store(s)
	if c.flood.tripped.Load() {
		c.close()
		return nil, fmt.Errorf("it sent more than %d notifications or requests a second", opts.MaxNotificationsPerSecond)
	}
	return c, nil
}

// abort ends the session at once: the process is killed (Close alone would
// wait for the pending calls) and the session closed.
func (c *conn) abort() {
	if c.cmd != nil {
		c.cmd.Process.Kill()
	}
	if s := c.live.Load(); s != nil {
		s.Close()
	}
}

// lastLine quotes the last line of the server's stderr, if any.
func lastLine(log *ringLog) string {
	b := strings.TrimSpace(string(log.Bytes()))
	if b == "" {
		return ""
	}
	if i := strings.LastIndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	return fmt.Sprintf(" (it said: %s)", oneLine(b, 200))
}

// start runs the server's command with stdin and stdout as the transport
// and stderr into log.
func (c *conn) start(cfg Config, opts Options, log *ringLog) (sdk.Transport, error) {
	cmd := exec.Command(cfg.Command[0], cfg.Command[1:]...)
	cmd.Stderr = log
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot run %s: %w", cfg.Command[0], err)
	}
	c.cmd, c.exited = cmd, make(chan struct{})
	go func() {
		c.exitErr = cmd.Wait()
		close(c.exited)
	}()
	return &sdk.IOTransport{Reader: stdout, Writer: stdin, MaxLineLength: opts.MaxMessage}, nil
}

// clientOptions wires elicitation to the user's callback, and nothing
// else: notifications are dropped.
func (c *conn) clientOptions(cfg Config, opts Options) *sdk.ClientOptions {
	o := &sdk.ClientOptions{Capabilities: &sdk.ClientCapabilities{}}
	if opts.Elicit != nil {
		o.ElicitationHandler = func(ctx context.Context, req *sdk.ElicitRequest) (*sdk.ElicitResult, error) {
			return elicit(ctx, cfg.Name, opts.Elicit, req)
		}
	}
	return o
}

// close ends the session and the process: stdin is closed, and a process
// that does not exit within a grace period is killed.
func (c *conn) close() {
	if c.session != nil {
		done := make(chan struct{})
		go func() { c.session.Close(); close(done) }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
	}
	c.kill()
}

// kill stops the process if it is still running.
func (c *conn) kill() {
	if c.cmd == nil {
		return
	}
	select {
	case <-c.exited:
		return
	case <-time.After(500 * time.Millisecond):
	}
	c.cmd.Process.Kill()
	<-c.exited
}

// dead says whether the process has exited.
func (c *conn) dead() bool {
	if c.cmd == nil {
		return false
	}
	select {
	case <-c.exited:
		return true
	default:
		return false
	}
}

// exitedWithin waits up to d for the process to exit (it may still be
// dying when the broken connection is noticed) and reports whether it did.
func (c *conn) exitedWithin(d time.Duration) bool {
	if c.cmd == nil {
		return false
	}
	select {
	case <-c.exited:
		return true
	case <-time.After(d):
		return false
	}
}

// httpTransport is the streamable HTTP transport, with every response body
// bounded and no standalone stream kept open.
func httpTransport(url string, maxMessage int, tooLarge *atomic.Bool) sdk.Transport {
	hc := &http.Client{Transport: limitedTransport{next: http.DefaultTransport, max: int64(maxMessage), tooLarge: tooLarge}}
	return &sdk.StreamableClientTransport{Endpoint: url, HTTPClient: hc, MaxRetries: 1,
		DisableStandaloneSSE: true, MaxEventSize: maxMessage}
}

// limitedTransport caps the size of each HTTP response body.
type limitedTransport struct {
	next     http.RoundTripper
	max      int64
	tooLarge *atomic.Bool
}

func (t limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err == nil {
		resp.Body = &limitedBody{rc: resp.Body, left: t.max, tooLarge: t.tooLarge}
	}
	return resp, err
}

// errTooLarge is a message over the size limit.
var errTooLarge = errors.New("the server sent a message over the size limit")

type limitedBody struct {
	rc       io.ReadCloser
	left     int64
	tooLarge *atomic.Bool
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		b.tooLarge.Store(true)
		return 0, errTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

// errFlood answers the requests of a server that floods.
var errFlood = errors.New("too many requests")

// floodGuard stops a server that sends more notifications and requests a
// second than limit: what passes the limit is dropped or refused, and the
// server is stopped rather than left to burn the CPU.
type floodGuard struct {
	limit   int
	stop    func()
	mu      sync.Mutex
	window  time.Time
	count   int
	tripped atomic.Bool
}

func (g *floodGuard) middleware(next sdk.MethodHandler) sdk.MethodHandler {
	return func(ctx context.Context, method string, req sdk.Request) (sdk.Result, error) {
		if g.over() {
			if strings.HasPrefix(method, "notifications/") {
				return nil, nil
			}
			return nil, errFlood
		}
		return next(ctx, method, req)
	}
}

// over counts one notification and reports whether the limit was passed;
// the first time it is, the session is closed.
func (g *floodGuard) over() bool {
	g.mu.Lock()
	now := time.Now()
	if now.Sub(g.window) > time.Second {
		g.window, g.count = now, 0
	}
	g.count++
	over := g.limit > 0 && g.count > g.limit
	g.mu.Unlock()
	if over && g.tripped.CompareAndSwap(false, true) && g.stop != nil {
		go g.stop()
	}
	return over
}
