package openai

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ConnectTimeout bounds setting up a connection (TCP, then TLS).
const ConnectTimeout = 10 * time.Second

// ListTimeout bounds the wait for the answer to a model list.
const ListTimeout = 30 * time.Second

var (
	errHeaderTimeout = errors.New("no answer before the header timeout")
	errIdleTimeout   = errors.New("no event before the idle timeout")
)

// publicAddrError is a plain-http connection refused because the address
// is public.
type publicAddrError struct{ ip string }

func (e *publicAddrError) Error() string {
	return "plain http to the public address " + e.ip + " refused"
}

// newClient returns the HTTP client for the server at base: no proxy, no
// redirects, bounded connect; with an http:// base, connections only to
// loopback, private and link-local addresses.
func newClient(base *url.URL) *http.Client {
	dialer := &net.Dialer{Timeout: ConnectTimeout, KeepAlive: 30 * time.Second}
	if base.Scheme == "http" {
		dialer.Control = refusePublic
	}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:               nil, // see the package doc: chats go only where the person said
			DialContext:         dialer.DialContext,
			TLSHandshakeTimeout: ConnectTimeout,
			MaxIdleConnsPerHost: 4,
			IdleConnTimeout:     90 * time.Second,
			ForceAttemptHTTP2:   true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// refusePublic is the dialer's check, on the address actually dialled
// (after name resolution), for plain http.
func refusePublic(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip := net.ParseIP(host)
	if ip == nil || !privateIP(ip) {
		return &publicAddrError{ip: host}
	}
	return nil
}

// call is one request in flight: its answer, and the cancel that ends it.
type call struct {
	resp   *http.Response
	cancel context.CancelFunc
}

// close ends the call and frees its connection.
func (c *call) close() {
	c.resp.Body.Close()
	c.cancel()
}

// send makes a request to the endpoint path under the base URL with body
// (JSON, or none when nil), waiting at most headerTimeout for the answer's
// headers. A non-2xx answer becomes an error (see statusError) about model.
// The caller closes the call.
func (b *Backend) send(ctx context.Context, method, path string, body any, model string, headerTimeout time.Duration) (*call, error) {
	cctx, cancel := context.WithCancelCause(ctx)
	req, err := b.newRequest(cctx, method, path, body)
	if err != nil {
		cancel(nil)
		return nil, err
	}
	timer := time.AfterFunc(headerTimeout, func() { cancel(errHeaderTimeout) })
	resp, err := b.client.Do(req)
	timer.Stop()
	if err != nil {
		if cause := context.Cause(cctx); errors.Is(cause, errHeaderTimeout) {
			err = cause
		}
		cancel(nil)
		return nil, b.transportError(ctx, err)
	}
	c := &call{resp: resp, cancel: func() { cancel(nil) }}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer c.close()
		return nil, b.statusError(resp, model)
	}
	return c, nil
}

// newRequest builds the request, with the key as a bearer token.
func (b *Backend) newRequest(ctx context.Context, method, path string, body any) (*http.Request, error) {
	var payload io.Reader = http.NoBody
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("openai: encode request: %w", err)
		}
		payload = bytes.NewReader(raw)
	}
	u := *b.base
	u.Path = strings.TrimRight(u.Path, "/") + path
	req, err := http.NewRequestWithContext(ctx, method, u.String(), payload)
	if err != nil {
		return nil, fmt.Errorf("openai: %s %s: %w", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", "Hearth")
	if b.key != "" {
		req.Header.Set("Authorization", "Bearer "+b.key)
	}
	return req, nil
}
