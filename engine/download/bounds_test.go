package download_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine/download"
)

// fetchWithin runs a download and fails the test when it takes over 10 s.
func fetchWithin(t *testing.T, d *download.Downloader, req download.Request) (download.Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := d.Fetch(ctx, req)
	if ctx.Err() != nil {
		t.Fatalf("the download ran until the test's deadline: %v", err)
	}
	return res, err
}

// TestSizeCapWithoutLength serves files with no Content-Length that never
// end, or end past the size: the download stops at the pinned size, at
// MaxSize, or at the free space, with ErrSize, and keeps nothing.
func TestSizeCapWithoutLength(t *testing.T) {
	tests := []struct {
		name  string
		req   func(fs string) download.Request
		space uint64
	}{
		{"pinned size", func(u string) download.Request { return download.Request{URL: u, Size: 1 << 20} }, 0},
		{"max size", func(u string) download.Request { return download.Request{URL: u, MaxSize: 2 << 20} }, 0},
		{"free space", func(u string) download.Request { return download.Request{URL: u} }, 64<<20 + 3<<20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFileServer(t, 256<<10)
			fs.set(func(k *knobs) { k.endless = true })
			path := dest(t)
			d := &download.Downloader{}
			if tt.space > 0 {
				d.FreeSpace = func(string) (uint64, error) { return tt.space, nil }
			}
			req := tt.req(fs.url())
			req.Dest = path
			_, err := fetchWithin(t, d, req)
			if !errors.Is(err, download.ErrSize) {
				t.Fatalf("error %v, want ErrSize", err)
			}
			assertOnly(t, filepath.Dir(path))
		})
	}
}

// TestSizeCapByLength refuses a server that announces more than the cap.
func TestSizeCapByLength(t *testing.T) {
	fs := newFileServer(t, 1<<20)
	path := dest(t)
	_, err := fetchWithin(t, &download.Downloader{}, download.Request{URL: fs.url(), Dest: path, MaxSize: 512 << 10})
	if !errors.Is(err, download.ErrSize) {
		t.Fatalf("error %v, want ErrSize", err)
	}
	assertOnly(t, filepath.Dir(path))
}

// TestNoLengthWithinCap still downloads a chunked file under the caps.
func TestNoLengthWithinCap(t *testing.T) {
	fs := newFileServer(t, 512<<10)
	fs.set(func(k *knobs) { k.noLength = true })
	path := dest(t)
	res, err := fetchWithin(t, &download.Downloader{}, download.Request{URL: fs.url(), Dest: path, MaxSize: 1 << 20})
	if err != nil || res.Size != int64(len(fs.content)) {
		t.Fatalf("result %+v, %v", res, err)
	}
	assertDone(t, path, fs.content)
}

// TestHTTPSOnly refuses plain http for a download that must be secure: the
// URL itself, or a redirect from https to http. Loopback http passes only
// with the test option.
func TestHTTPSOnly(t *testing.T) {
	fs := newFileServer(t, 64<<10)
	d := &download.Downloader{}
	if _, err := fetchWithin(t, d, download.Request{URL: fs.url(), Dest: dest(t), HTTPSOnly: true}); !errors.Is(err, download.ErrInsecure) {
		t.Errorf("http URL: %v, want ErrInsecure", err)
	}
	if _, err := fetchWithin(t, d, download.Request{URL: "http://example.invalid/m.gguf", Dest: dest(t), HTTPSOnly: true, LoopbackHTTP: true}); !errors.Is(err, download.ErrInsecure) {
		t.Errorf("non-loopback http URL with the test option: %v, want ErrInsecure", err)
	}
	if _, err := fetchWithin(t, d, download.Request{URL: fs.url(), Dest: dest(t), HTTPSOnly: true, LoopbackHTTP: true}); err != nil {
		t.Errorf("loopback http URL with the test option: %v", err)
	}

	tls := httptest.NewTLSServer(http.RedirectHandler(fs.url(), http.StatusFound))
	t.Cleanup(tls.Close)
	td := &download.Downloader{Client: tls.Client()}
	path := dest(t)
	if _, err := fetchWithin(t, td, download.Request{URL: tls.URL + "/m.gguf", Dest: path, HTTPSOnly: true}); !errors.Is(err, download.ErrInsecure) {
		t.Errorf("redirect from https to http: %v, want ErrInsecure", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the redirected file was saved")
	}
	if _, err := fetchWithin(t, td, download.Request{URL: tls.URL + "/m.gguf", Dest: dest(t)}); err != nil {
		t.Errorf("the same redirect without HTTPSOnly: %v", err)
	}
}

// TestRestartWhenResumeRefused: a partial file of unknown size that the
// server will not resume (416) is discarded and the download starts over,
// rather than failing on every run.
func TestRestartWhenResumeRefused(t *testing.T) {
	fs := newFileServer(t, 512<<10)
	fs.set(func(k *knobs) { k.noLength = true })
	path := dest(t)
	fs.cutAfter.Store(100 << 10)
	if _, err := fetchWithin(t, &download.Downloader{}, download.Request{URL: fs.url(), Dest: path}); !errors.Is(err, download.ErrInterrupted) {
		t.Fatalf("first attempt: %v, want ErrInterrupted", err)
	}
	fs.set(func(k *knobs) { k.refuse416 = true })
	res, err := fetchWithin(t, &download.Downloader{}, download.Request{URL: fs.url(), Dest: path})
	if err != nil || res.Resumed != 0 {
		t.Fatalf("second attempt: %+v, %v", res, err)
	}
	assertDone(t, path, fs.content)
}
