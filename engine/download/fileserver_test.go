package download_test

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fileServer serves one file the way a model host does, with knobs for the
// ways real servers misbehave.
type fileServer struct {
	content     []byte
	etag        string
	honourRange bool
	cutAfter    atomic.Int64 // >0: the next full or partial answer stops after this many body bytes and drops the connection
	hangAfter   int64        // >0: stop sending (without closing) after this many bytes
	delay       atomic.Int64 // time.Duration between chunks; atomic: a test changes it while a cancelled request's handler still runs
	status      int          // answer this status instead of the file
	contentType string
	linkedETag  string // sent on a redirect from /resolve/ to /file, as Hugging Face does

	mu       sync.Mutex
	requests []string // the Range header of each file request, "" for none
	srv      *httptest.Server
}

func newFileServer(t *testing.T, size int) *fileServer {
	t.Helper()
	content := make([]byte, size)
	rand.Read(content)
	copy(content, "GGUF")
	fs := &fileServer{content: content, etag: `"v1"`, honourRange: true, contentType: "application/octet-stream"}
	fs.srv = httptest.NewServer(fs)
	t.Cleanup(fs.srv.Close)
	return fs
}

func (fs *fileServer) url() string { return fs.srv.URL + "/file" }

func (fs *fileServer) sha256() string {
	s := sha256.Sum256(fs.content)
	return hex.EncodeToString(s[:])
}

func (fs *fileServer) rangeHeaders() []string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]string(nil), fs.requests...)
}

func (fs *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/resolve" {
		w.Header().Set("X-Linked-Etag", fs.linkedETag)
		http.Redirect(w, r, "/file", http.StatusFound)
		return
	}
	fs.mu.Lock()
	fs.requests = append(fs.requests, r.Header.Get("Range"))
	fs.mu.Unlock()
	if fs.status != 0 {
		http.Error(w, "nope", fs.status)
		return
	}
	start := fs.rangeStart(r)
	w.Header().Set("Content-Type", fs.contentType)
	w.Header().Set("Etag", fs.etag)
	w.Header().Set("Content-Length", strconv.Itoa(len(fs.content)-start))
	if start > 0 {
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(fs.content)-1, len(fs.content)))
		w.WriteHeader(http.StatusPartialContent)
	}
	fs.send(w, r, fs.content[start:])
}

// rangeStart returns where to start: the Range asked for, when honoured and
// If-Range matches.
func (fs *fileServer) rangeStart(r *http.Request) int {
	v, ok := strings.CutPrefix(r.Header.Get("Range"), "bytes=")
	if !ok || !fs.honourRange {
		return 0
	}
	if ir := r.Header.Get("If-Range"); ir != "" && ir != fs.etag {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, "-"))
	if err != nil || n >= len(fs.content) {
		return 0
	}
	return n
}

// send writes body in chunks, cutting or hanging where told to.
func (fs *fileServer) send(w http.ResponseWriter, r *http.Request, body []byte) {
	cut := fs.cutAfter.Swap(0)
	const chunk = 32 << 10
	for sent := 0; sent < len(body); sent += chunk {
		part := body[sent:min(sent+chunk, len(body))]
		if cut > 0 && int64(sent+len(part)) > cut {
			w.Write(part[:cut-int64(sent)])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		if fs.hangAfter > 0 && int64(sent) >= fs.hangAfter {
			w.(http.Flusher).Flush()
			<-r.Context().Done()
			return
		}
		if _, err := w.Write(part); err != nil {
			return
		}
		if delay := time.Duration(fs.delay.Load()); delay > 0 {
			w.(http.Flusher).Flush()
			time.Sleep(delay)
		}
	}
}
