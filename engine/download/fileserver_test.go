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
	content []byte
	knobs
	cutAfter atomic.Int64 // >0: the next full or partial answer stops after this many body bytes and drops the connection

	mu       sync.Mutex // guards knobs and requests
	requests []string   // the Range header of each file request, "" for none
	srv      *httptest.Server
}

// knobs are the ways the server misbehaves; tests change them with set.
type knobs struct {
	etag        string
	honourRange bool
	hangAfter   int64 // >0: stop sending (without closing) after this many bytes
	delay       time.Duration
	status      int // answer this status instead of the file
	contentType string
	linkedETag  string // sent on a redirect from /resolve/ to /file, as Hugging Face does
	noLength    bool   // send no Content-Length (a chunked body)
	endless     bool   // after the file, keep sending its bytes until the client goes away
	refuse416   bool   // answer 416 to every Range request, as for a range at the end of the file
}

func newFileServer(t *testing.T, size int) *fileServer {
	t.Helper()
	content := make([]byte, size)
	rand.Read(content)
	copy(content, "GGUF")
	fs := &fileServer{content: content, knobs: knobs{etag: `"v1"`, honourRange: true, contentType: "application/octet-stream"}}
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

// set changes knobs while the server may be answering.
func (fs *fileServer) set(change func(k *knobs)) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	change(&fs.knobs)
}

func (fs *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	k := fs.knobs
	if r.URL.Path != "/resolve" {
		fs.requests = append(fs.requests, r.Header.Get("Range"))
	}
	fs.mu.Unlock()
	if r.URL.Path == "/resolve" {
		w.Header().Set("X-Linked-Etag", k.linkedETag)
		http.Redirect(w, r, "/file", http.StatusFound)
		return
	}
	if k.status != 0 {
		http.Error(w, "nope", k.status)
		return
	}
	if k.refuse416 && r.Header.Get("Range") != "" {
		w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
		return
	}
	start := k.rangeStart(r, len(fs.content))
	w.Header().Set("Content-Type", k.contentType)
	w.Header().Set("Etag", k.etag)
	if !k.noLength && !k.endless {
		w.Header().Set("Content-Length", strconv.Itoa(len(fs.content)-start))
	}
	if start > 0 {
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(fs.content)-1, len(fs.content)))
		w.WriteHeader(http.StatusPartialContent)
	}
	fs.send(w, r, k, fs.content[start:])
	for k.endless && r.Context().Err() == nil {
		if _, err := w.Write(fs.content); err != nil {
			return
		}
	}
}

// rangeStart returns where to start: the Range asked for, when honoured and
// If-Range matches.
func (k knobs) rangeStart(r *http.Request, size int) int {
	v, ok := strings.CutPrefix(r.Header.Get("Range"), "bytes=")
	if !ok || !k.honourRange {
		return 0
	}
	if ir := r.Header.Get("If-Range"); ir != "" && ir != k.etag {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, "-"))
	if err != nil || n >= size {
		return 0
	}
	return n
}

// send writes body in chunks, cutting or hanging where told to.
func (fs *fileServer) send(w http.ResponseWriter, r *http.Request, k knobs, body []byte) {
	cut := fs.cutAfter.Swap(0)
	const chunk = 32 << 10
	for sent := 0; sent < len(body); sent += chunk {
		part := body[sent:min(sent+chunk, len(body))]
		if cut > 0 && int64(sent+len(part)) > cut {
			w.Write(part[:cut-int64(sent)])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		if k.hangAfter > 0 && int64(sent) >= k.hangAfter {
			w.(http.Flusher).Flush()
			<-r.Context().Done()
			return
		}
		if _, err := w.Write(part); err != nil {
			return
		}
		if k.delay > 0 {
			w.(http.Flusher).Flush()
			time.Sleep(k.delay)
		}
	}
}
