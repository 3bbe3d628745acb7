package manager

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/hearth-app/hearth/plugins/registry"
)

// InstallURL downloads a plugin zip from an https URL (or http on
// 127.0.0.1, for tests) and installs it like Install.
func (m *Manager) InstallURL(ctx context.Context, rawURL string, a Approver) (Plugin, error) {
	zip, err := m.download(ctx, rawURL, m.opts.MaxZip)
	if err != nil {
		return Plugin{}, err
	}
	return m.install(ctx, zip, rawURL, expect{}, a)
}

// download GETs rawURL, at most max bytes.
func (m *Manager) download(ctx context.Context, rawURL string, max int64) ([]byte, error) {
	if err := checkURL(rawURL); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("%s is not a URL Hearth can download from", rawURL)
	}
	resp, err := m.opts.HTTPClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("could not reach %s to download %s", req.URL.Host, rawURL)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the download of %s failed with status %s", rawURL, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("the download of %s broke off before it ended", rawURL)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s is larger than %d MiB, so it was refused", rawURL, max>>20)
	}
	return b, nil
}

// checkURL allows https, and plain http only to 127.0.0.1 (the registry's
// rule, so that a plugin and its index come from the same kinds of place).
func checkURL(rawURL string) error { return registry.CheckURL(rawURL) }

// Download fetches a plugin zip from an https URL (or http on 127.0.0.1)
// without installing it, for a caller that shows Inspect's prompt first.
func (m *Manager) Download(ctx context.Context, rawURL string) ([]byte, error) {
	return m.download(ctx, rawURL, m.opts.MaxZip)
}
