package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Bounds on one net_fetch.
const (
	fetchTimeout      = 15 * time.Second
	fetchBodyLimit    = 1 << 20
	fetchHeaderLimit  = 64 << 10
	fetchMaxRedirects = 5
)

// errRefusedAddress is a connection to an address plugins may not reach.
var errRefusedAddress = errors.New("address refused for plugins")

// fetchMethods are the HTTP methods a plugin may use.
var fetchMethods = map[string]bool{"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true}

// fetcher makes the HTTP requests of net_fetch. Its client ignores proxy
// settings from the environment, checks every address it connects to (see
// dialControl) and checks every redirect against the hosts of the grant.
type fetcher struct {
	client       *http.Client
	loopbackPort int
}

// grantKey carries the net:fetch grant of the call into CheckRedirect.
type grantKey struct{}

// newFetcher builds the client; resolver may be nil (the system's).
func newFetcher(loopbackPort int, resolver *net.Resolver) *fetcher {
	f := &fetcher{loopbackPort: loopbackPort}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Resolver: resolver, Control: dialControl(loopbackPort)}
	transport := &http.Transport{
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  fetchTimeout,
		MaxResponseHeaderBytes: fetchHeaderLimit,
		MaxIdleConns:           8,
		IdleConnTimeout:        30 * time.Second,
	}
	f.client = &http.Client{Transport: transport, Timeout: fetchTimeout, CheckRedirect: f.checkRedirect}
	return f
}

// checkRedirect follows a redirect only to a URL the grant allows.
func (f *fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= fetchMaxRedirects {
		return errTooManyRedirects
	}
	grant, _ := req.Context().Value(grantKey{}).(Capability)
	if herr := f.allowedURL(req.URL, grant); herr != nil {
		return &redirectRefused{herr}
	}
	return nil
}

var errTooManyRedirects = errors.New("too many redirects")

// redirectRefused carries a refusal out of CheckRedirect.
type redirectRefused struct{ herr *hostError }

func (r *redirectRefused) Error() string { return r.herr.Message }

// allowedURL checks a URL against the grant: https (or the test loopback
// port), no user info, and a host the grant lists.
func (f *fetcher) allowedURL(u *url.URL, grant Capability) *hostError {
	if u.User != nil {
		return invalid("a URL with a user name or password is not fetched")
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && f.loopbackPort != 0 && host == "127.0.0.1" && u.Port() == strconv.Itoa(f.loopbackPort):
	default:
		return denied("plugins may fetch https URLs only")
	}
	if !hostListed(host, grant.Hosts) {
		return denied("the plugin was not granted access to " + host)
	}
	return nil
}

// hostListed reports whether host is one of hosts: an exact,
// case-insensitive match, or a "*.example.com" entry that matches any name
// with at least one label before ".example.com" (not example.com itself).
func hostListed(host string, hosts []string) bool {
	host = strings.ToLower(host)
	if host == "" {
		return false
	}
	for _, h := range hosts {
		h = strings.ToLower(h)
		if suffix, ok := strings.CutPrefix(h, "*."); ok {
			if suffix != "" && strings.HasSuffix(host, "."+suffix) && len(host) > len(suffix)+1 {
				return true
			}
			continue
		}
		if host == h {
			return true
		}
	}
	return false
}

// fetchRequest and fetchResponse are net_fetch's request and answer.
type fetchRequest struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

type fetchResponse struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

func (h *Host) serveNetFetch(ctx context.Context, c call, grant Capability) (any, string, *hostError) {
	var req fetchRequest
	if herr := decodeRequest(c.request, &req); herr != nil {
		return nil, "", herr
	}
	return h.fetcher.fetch(ctx, grant, req)
}

// fetch runs one request for a plugin.
func (f *fetcher) fetch(ctx context.Context, grant Capability, req fetchRequest) (any, string, *hostError) {
	hreq, herr := f.newRequest(ctx, grant, req)
	if herr != nil {
		return nil, req.Method + " " + printable(req.URL), herr
	}
	// The query is left out of the audit detail: it often carries keys.
	detail := hreq.Method + " " + hreq.URL.Scheme + "://" + hreq.URL.Host + hreq.URL.EscapedPath()
	resp, err := f.client.Do(hreq)
	if err != nil {
		return nil, detail, fetchFailed(hreq.URL.Hostname(), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, fetchBodyLimit+1))
	if err != nil {
		return nil, detail, fetchFailed(hreq.URL.Hostname(), err)
	}
	if len(body) > fetchBodyLimit {
		return nil, detail, tooLarge("the response body is larger than 1 MiB")
	}
	headers := make(map[string]string, len(resp.Header))
	for k, v := range resp.Header {
		headers[k] = strings.Join(v, ", ")
	}
	return fetchResponse{Status: resp.StatusCode, Headers: headers, Body: string(body)}, detail, nil
}

// newRequest checks a plugin's request and builds the HTTP request.
func (f *fetcher) newRequest(ctx context.Context, grant Capability, req fetchRequest) (*http.Request, *hostError) {
	if req.Method == "" {
		req.Method = "GET"
	}
	if !fetchMethods[req.Method] {
		return nil, invalid("the method " + strconv.Quote(req.Method) + " is not one a plugin may use")
	}
	u, err := url.Parse(req.URL)
	if err != nil || u.Host == "" {
		return nil, invalid("the URL is not an absolute URL")
	}
	if herr := f.allowedURL(u, grant); herr != nil {
		return nil, herr
	}
	var body io.Reader
	if req.Body != "" {
		body = strings.NewReader(req.Body)
	}
	hreq, err := http.NewRequestWithContext(context.WithValue(ctx, grantKey{}, grant), req.Method, u.String(), body)
	if err != nil {
		return nil, invalid("the request could not be built")
	}
	for k, v := range req.Headers {
		if !validHeader(k, v) {
			return nil, invalid(fmt.Sprintf("the header %q is not allowed", k))
		}
		hreq.Header.Set(k, v)
	}
	return hreq, nil
}

// validHeader refuses headers that would change where or how the request
// goes, and malformed ones.
func validHeader(k, v string) bool {
	switch strings.ToLower(k) {
	case "host", "connection", "proxy-authorization", "proxy-connection", "transfer-encoding", "te", "upgrade", "content-length", "trailer", "keep-alive":
		return false
	}
	if k == "" || strings.ContainsAny(k, " \t\r\n:") || strings.ContainsAny(v, "\r\n\x00") {
		return false
	}
	return true
}

// fetchFailed turns a client error into the plugin's answer.
func fetchFailed(host string, err error) *hostError {
	var refused *redirectRefused
	switch {
	case errors.As(err, &refused):
		return refused.herr
	case errors.Is(err, errRefusedAddress):
		return denied(host + " resolves to an address plugins may not reach")
	case errors.Is(err, errTooManyRedirects):
		return failed("the fetch of " + host + " was redirected too many times")
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return failed("the fetch of " + host + " did not finish in time")
	}
	return failed("the fetch of " + host + " failed")
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
