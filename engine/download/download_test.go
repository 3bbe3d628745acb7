package download_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine/download"
)

const fileSize = 3 << 20

func dest(t *testing.T) string {
	return filepath.Join(t.TempDir(), "models", "model.gguf")
}

// assertDone checks that path holds content and nothing else is left beside
// it.
func assertDone(t *testing.T, path string, content []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, content) {
		t.Fatalf("downloaded file differs from the served one (%d vs %d bytes)", len(got), len(content))
	}
	assertOnly(t, filepath.Dir(path), filepath.Base(path))
}

// assertOnly checks that dir holds exactly the named files.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func TestFetch(t *testing.T) {
	fs := newFileServer(t, fileSize)
	path := dest(t)
	var reports []download.Progress
	res, err := (&download.Downloader{}).Fetch(context.Background(), download.Request{
		URL: fs.url(), Dest: path, SHA256: strings.ToUpper(fs.sha256()), Size: fileSize,
		Progress: func(p download.Progress) { reports = append(reports, p) },
	})
	if err != nil {
		t.Fatal(err)
	}
	assertDone(t, path, fs.content)
	if !res.Verified || res.SHA256 != fs.sha256() || res.Size != fileSize || res.Existing || res.Resumed != 0 {
		t.Errorf("result %+v", res)
	}
	if len(reports) == 0 {
		t.Fatal("no progress reported")
	}
	last := reports[len(reports)-1]
	if last.Done != fileSize || last.Total != fileSize || last.Speed <= 0 || last.ETA != 0 {
		t.Errorf("last progress %+v", last)
	}

	// Again: the file is there and verified, nothing is downloaded.
	n := len(fs.rangeHeaders())
	res, err = (&download.Downloader{}).Fetch(context.Background(), download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()})
	if err != nil || !res.Existing || !res.Verified {
		t.Fatalf("second fetch: %+v, %v", res, err)
	}
	if len(fs.rangeHeaders()) != n {
		t.Error("second fetch of a present file made a request")
	}
	assertDone(t, path, fs.content)
}

func TestResume(t *testing.T) {
	tests := []struct {
		name        string
		honourRange bool
		changeETag  bool
		wantResumed bool
	}{
		{"server honours range", true, false, true},
		{"server ignores range", false, false, false},
		{"file changed on the server", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFileServer(t, fileSize)
			fs.honourRange = tt.honourRange
			fs.cutAfter.Store(fileSize / 3)
			path := dest(t)
			req := download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()}
			d := &download.Downloader{}
			_, err := d.Fetch(context.Background(), req)
			if !errors.Is(err, download.ErrInterrupted) {
				t.Fatalf("cut connection: %v, want ErrInterrupted", err)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Fatal("an interrupted download is at the final name")
			}
			if fi, err := os.Stat(path + ".partial"); err != nil || fi.Size() == 0 {
				t.Fatalf("no partial file kept: %v", err)
			}
			if tt.changeETag {
				fs.etag = `"v2"`
			}
			res, err := d.Fetch(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			assertDone(t, path, fs.content)
			if (res.Resumed > 0) != tt.wantResumed {
				t.Errorf("resumed %d bytes, want resumed=%v", res.Resumed, tt.wantResumed)
			}
			ranges := fs.rangeHeaders()
			if len(ranges) != 2 || ranges[0] != "" || !strings.HasPrefix(ranges[1], "bytes=") {
				t.Errorf("range headers %q: the second request must ask for the rest", ranges)
			}
		})
	}
}

func TestResumeChecksTheWholeFile(t *testing.T) {
	fs := newFileServer(t, fileSize)
	fs.cutAfter.Store(fileSize / 2)
	path := dest(t)
	req := download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()}
	d := &download.Downloader{}
	if _, err := d.Fetch(context.Background(), req); !errors.Is(err, download.ErrInterrupted) {
		t.Fatal(err)
	}
	// Damage the kept bytes: the resumed file must fail verification.
	f, err := os.OpenFile(path+".partial", os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("XX"), 100)
	f.Close()
	_, err = d.Fetch(context.Background(), req)
	if !errors.Is(err, download.ErrChecksum) {
		t.Fatalf("damaged partial: %v, want ErrChecksum", err)
	}
	assertOnly(t, filepath.Dir(path))
}

func TestFetchFailures(t *testing.T) {
	tests := []struct {
		name  string
		setup func(fs *fileServer, req *download.Request)
		want  error
	}{
		{"wrong checksum", func(fs *fileServer, req *download.Request) {
			req.SHA256 = strings.Repeat("ab", 32)
		}, download.ErrChecksum},
		{"not found", func(fs *fileServer, req *download.Request) { fs.status = 404 }, download.ErrNotFound},
		{"server error", func(fs *fileServer, req *download.Request) { fs.status = 500 }, download.ErrServer},
		{"html page", func(fs *fileServer, req *download.Request) {
			fs.contentType = "text/html; charset=utf-8"
			copy(fs.content, "<!DOCTYPE html>")
		}, download.ErrNotGGUF},
		{"not gguf", func(fs *fileServer, req *download.Request) { copy(fs.content, "PK\x03\x04") }, download.ErrNotGGUF},
		{"size differs from the catalog", func(fs *fileServer, req *download.Request) { req.Size = fileSize + 1 }, download.ErrSize},
		{"server digest differs", func(fs *fileServer, req *download.Request) {
			req.URL, req.SHA256 = fs.srv.URL+"/resolve", ""
			fs.linkedETag = `"` + strings.Repeat("cd", 32) + `"`
		}, download.ErrChecksum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFileServer(t, 256<<10)
			path := dest(t)
			req := download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()}
			tt.setup(fs, &req)
			_, err := (&download.Downloader{}).Fetch(context.Background(), req)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is not one line", err)
			}
			assertOnly(t, filepath.Dir(path))
		})
	}
}

func TestDigestFromServer(t *testing.T) {
	fs := newFileServer(t, 256<<10)
	fs.linkedETag = `"` + fs.sha256() + `"`
	path := dest(t)
	res, err := (&download.Downloader{}).Fetch(context.Background(), download.Request{URL: fs.srv.URL + "/resolve", Dest: path})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified || res.SHA256 != fs.sha256() {
		t.Errorf("result %+v: the digest the server reported was not checked", res)
	}
	assertDone(t, path, fs.content)
}

func TestNoExpectedDigest(t *testing.T) {
	fs := newFileServer(t, 256<<10)
	path := dest(t)
	res, err := (&download.Downloader{}).Fetch(context.Background(), download.Request{URL: fs.url(), Dest: path})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verified || res.SHA256 != fs.sha256() {
		t.Errorf("result %+v: want the digest computed, not claimed verified", res)
	}
	assertDone(t, path, fs.content)
}

func TestDiskFull(t *testing.T) {
	fs := newFileServer(t, fileSize)
	path := dest(t)
	var asked string
	d := &download.Downloader{FreeSpace: func(dir string) (uint64, error) {
		asked = dir
		return fileSize / 2, nil
	}}
	_, err := d.Fetch(context.Background(), download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()})
	if !errors.Is(err, download.ErrNoSpace) {
		t.Fatalf("error %v, want ErrNoSpace", err)
	}
	if asked != filepath.Dir(path) {
		t.Errorf("free space asked of %q, want the destination's directory", asked)
	}
	assertOnly(t, filepath.Dir(path))
}

func TestCancel(t *testing.T) {
	fs := newFileServer(t, fileSize)
	fs.delay.Store(int64(5 * time.Millisecond))
	path := dest(t)
	ctx, cancel := context.WithCancel(context.Background())
	req := download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256(), Progress: func(p download.Progress) {
		if p.Done > fileSize/4 {
			cancel()
		}
	}}
	d := &download.Downloader{}
	start := time.Now()
	_, err := d.Fetch(ctx, req)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("cancel took %v", time.Since(start))
	}
	if _, err := os.Stat(path + ".partial"); err != nil {
		t.Fatal("a cancelled download did not keep its partial file")
	}
	fs.delay.Store(0)
	req.Progress = nil
	res, err := d.Fetch(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Resumed == 0 {
		t.Error("the download after a cancel did not resume")
	}
	assertDone(t, path, fs.content)
}

func TestStall(t *testing.T) {
	fs := newFileServer(t, fileSize)
	fs.hangAfter = fileSize / 2
	path := dest(t)
	d := &download.Downloader{Stall: 300 * time.Millisecond}
	start := time.Now()
	_, err := d.Fetch(context.Background(), download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()})
	if !errors.Is(err, download.ErrInterrupted) {
		t.Fatalf("error %v, want ErrInterrupted", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("stall detected after %v", time.Since(start))
	}
}

func TestConcurrentFetchRefused(t *testing.T) {
	fs := newFileServer(t, fileSize)
	fs.delay.Store(int64(2 * time.Millisecond))
	path := dest(t)
	req := download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()}
	started := make(chan struct{})
	var once sync.Once
	first := req
	first.Progress = func(download.Progress) { once.Do(func() { close(started) }) }
	errc := make(chan error, 1)
	go func() {
		_, err := (&download.Downloader{}).Fetch(context.Background(), first)
		errc <- err
	}()
	<-started
	_, err := (&download.Downloader{}).Fetch(context.Background(), req)
	if !errors.Is(err, download.ErrBusy) {
		t.Errorf("second concurrent fetch: %v, want ErrBusy", err)
	}
	if err := <-errc; err != nil {
		t.Fatalf("first fetch: %v", err)
	}
	assertDone(t, path, fs.content)
}

func TestBadRequests(t *testing.T) {
	tests := []struct {
		name string
		req  download.Request
	}{
		{"not http", download.Request{URL: "file:///etc/passwd", Dest: "x"}},
		{"no destination", download.Request{URL: "https://example.com/x.gguf"}},
		{"bad sha256", download.Request{URL: "https://example.com/x.gguf", Dest: "x", SHA256: "abc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := (&download.Downloader{}).Fetch(context.Background(), tt.req); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestBytes(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{{0, "0 B"}, {999, "999 B"}, {1000, "1.0 kB"}, {397_808_192, "397.8 MB"}, {2_019_377_440, "2.0 GB"}}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := download.Bytes(tt.n); got != tt.want {
				t.Errorf("Bytes(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}
