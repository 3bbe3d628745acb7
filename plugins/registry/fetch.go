package registry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// maxRedirects bounds the redirects Fetch follows.
const maxRedirects = 5

// Fetch downloads the index at indexURL and its signature at
// indexURL+".minisig", each at most MaxIndex bytes, over https or http to
// 127.0.0.1 only, redirects included. A nil client gets one with a one
// minute timeout.
func Fetch(ctx context.Context, c *http.Client, indexURL string) (index, sig []byte, err error) {
	if err := CheckURL(indexURL); err != nil {
		return nil, nil, err
	}
	client := guarded(c)
	if index, err = get(ctx, client, indexURL, MaxIndex); err != nil {
		return nil, nil, err
	}
	if sig, err = get(ctx, client, indexURL+".minisig", maxSignature); err != nil {
		return nil, nil, err
	}
	return index, sig, nil
}

// guarded copies c with a redirect policy that applies CheckURL to every
// hop.
func guarded(c *http.Client) *http.Client {
	if c == nil {
		c = &http.Client{Timeout: time.Minute}
	}
	g := *c
	next := c.CheckRedirect
	g.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fail(ErrFetch, "the registry redirected more than %d times", maxRedirects)
		}
		if err := CheckURL(req.URL.String()); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &g
}

// get downloads one URL, at most max bytes.
func get(ctx context.Context, c *http.Client, rawURL string, max int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fail(ErrURL, "%q is not a URL Hearth can fetch", clip(rawURL))
	}
	resp, err := c.Do(req)
	if err != nil {
		var rerr *registryError
		if errors.As(err, &rerr) {
			return nil, rerr
		}
		return nil, failCause(ErrFetch, err, "the registry at %s cannot be reached", host(rawURL))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fail(ErrFetch, "the registry at %s answered HTTP %d for %s", host(rawURL), resp.StatusCode, clip(rawURL))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, failCause(ErrFetch, err, "the registry at %s broke off its answer", host(rawURL))
	}
	if int64(len(data)) > max {
		return nil, fail(ErrTooLarge, "the registry's answer for %s is larger than %s", clip(rawURL), sizeText(max))
	}
	return data, nil
}

// host names the server of a URL for an error.
func host(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "that address"
	}
	return u.Host
}

// sizeText writes a byte count for an error.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
