package download

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// ggufMagic starts every GGUF file.
var ggufMagic = []byte("GGUF")

// get sends the request for the file, from offset when resuming. It returns
// the response and the digest the server reported for the file, if any.
func (d *Downloader) get(ctx context.Context, req Request, meta sidecar, offset int64) (*http.Response, string, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, req.URL, nil)
	if err != nil {
		return nil, "", err
	}
	hreq.Header.Set("User-Agent", "Hearth")
	if offset > 0 {
		hreq.Header.Set("Range", fmt.Sprintf("bytes=%d-", offset))
		hreq.Header.Set("If-Range", meta.validator())
	}
	var digest string
	client := d.client()
	base := client.CheckRedirect
	client.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if err := req.allowed(r.URL); err != nil {
			return err
		}
		if r.Response != nil && digest == "" {
			digest = reportedDigest(r.Response.Header)
		}
		if base != nil {
			return base(r, via)
		}
		if len(via) >= 10 {
			return errors.New("too many redirects")
		}
		return nil
	}
	resp, err := client.Do(hreq)
	if err != nil {
		return nil, "", err
	}
	return resp, firstNonEmpty(digest, reportedDigest(resp.Header)), nil
}

// client returns a copy of the configured client, so that a download can set
// its own redirect hook.
func (d *Downloader) client() *http.Client {
	if d.Client != nil {
		c := *d.Client
		return &c
	}
	return &http.Client{}
}

// reportedDigest returns the SHA-256 a server reports for a file: Hugging
// Face puts the Git LFS object id (the file's SHA-256) in X-Linked-Etag and
// ETag.
func reportedDigest(h http.Header) string {
	for _, k := range []string{"X-Linked-Etag", "Etag"} {
		v := strings.ToLower(strings.Trim(strings.TrimPrefix(h.Get(k), "W/"), `"`))
		if IsSHA256(v) {
			return v
		}
	}
	return ""
}

// accept checks the response status and headers. It returns the offset the
// body starts at (0 when the server sent the whole file) and the file's full
// size (0 when unknown).
func accept(resp *http.Response, req Request, meta sidecar, offset int64) (start, total int64, err error) {
	switch {
	case resp.StatusCode == http.StatusPartialContent && offset > 0:
		start, total, err = contentRange(resp.Header.Get("Content-Range"))
		etag, lm := validators(resp)
		if err == nil && (start != offset || (meta.ETag != "" && etag != meta.ETag) || (meta.ETag == "" && lm != meta.LastModified)) {
			err = fmt.Errorf("%w: the server resumed at the wrong place or with another file", ErrServer)
		}
	case resp.StatusCode == http.StatusOK:
		total = resp.ContentLength
		if total < 0 {
			total = 0
		}
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable && offset > 0:
		err = fmt.Errorf("%w: the server cannot resume at byte %d", errRestart, offset)
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		err = fmt.Errorf("%w: %s answers %s", ErrNotFound, req.URL, resp.Status)
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		err = fmt.Errorf("%w: %s answers %s (the file may need a login or a licence to be accepted)", ErrServer, req.URL, resp.Status)
	default:
		err = fmt.Errorf("%w: %s answers %s", ErrServer, req.URL, resp.Status)
	}
	if err == nil && isHTML(resp.Header.Get("Content-Type")) {
		err = fmt.Errorf("%w: %s sent a web page, not a model file (use a direct download link, such as Hugging Face's /resolve/ rather than /blob/)", ErrNotGGUF, req.URL)
	}
	if err == nil && req.Size > 0 && total > 0 && total != req.Size {
		err = fmt.Errorf("%w: the server's file is %d bytes, want %d", ErrSize, total, req.Size)
	}
	if err == nil && total > req.limit() {
		err = fmt.Errorf("%w: the server's file is %s, more than the %s a download may take", ErrSize, Bytes(total), Bytes(req.limit()))
	}
	return start, total, err
}

// contentRange parses "bytes START-END/TOTAL".
func contentRange(v string) (start, total int64, err error) {
	rest, ok := strings.CutPrefix(v, "bytes ")
	rng, size, ok2 := strings.Cut(rest, "/")
	first, _, ok3 := strings.Cut(rng, "-")
	if !ok || !ok2 || !ok3 {
		return 0, 0, fmt.Errorf("%w: bad Content-Range %q", ErrServer, v)
	}
	start, err1 := strconv.ParseInt(first, 10, 64)
	total, err2 := strconv.ParseInt(size, 10, 64)
	if size == "*" {
		total, err2 = 0, nil
	}
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("%w: bad Content-Range %q", ErrServer, v)
	}
	return start, total, nil
}

// validators returns the strong ETag and the Last-Modified of a response.
func validators(resp *http.Response) (etag, lastModified string) {
	etag = resp.Header.Get("Etag")
	if strings.HasPrefix(etag, "W/") {
		etag = "" // weak validators cannot be used with If-Range
	}
	return etag, resp.Header.Get("Last-Modified")
}

func isHTML(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// checkMagic makes sure the file starts with the GGUF magic: the first bytes
// of the body, or of the partial file when resuming. It returns a reader that
// still yields the whole body.
func checkMagic(body io.Reader, f *os.File, start int64) (io.Reader, error) {
	head := make([]byte, len(ggufMagic))
	if start >= int64(len(head)) {
		if _, err := f.ReadAt(head, 0); err != nil {
			return nil, err
		}
	} else {
		br := bufio.NewReader(body)
		b, err := br.Peek(len(head))
		if err != nil && len(b) == 0 {
			return nil, fmt.Errorf("%w: the server sent nothing", ErrNotGGUF)
		}
		copy(head, b)
		body = br
	}
	if !bytes.Equal(head, ggufMagic) {
		return nil, fmt.Errorf("%w: the file starts with %q, not %q", ErrNotGGUF, head, ggufMagic)
	}
	return body, nil
}

// errStalled ends an attempt that received nothing for too long.
var errStalled = errors.New("the server stopped sending")

// copy copies body to w until EOF or an error. When no byte arrives for the
// stall timeout it calls stop, which cancels the request body is read from.
func (d *Downloader) copy(ctx context.Context, stop context.CancelCauseFunc, w io.Writer, body io.Reader) (int64, error) {
	stall := d.Stall
	if stall == 0 {
		stall = time.Minute
	}
	timer := time.AfterFunc(stall, func() { stop(fmt.Errorf("%w for %v", errStalled, stall)) })
	defer timer.Stop()
	buf := make([]byte, 256<<10)
	var n int64
	for {
		k, err := body.Read(buf)
		timer.Reset(stall)
		if k > 0 {
			if _, werr := w.Write(buf[:k]); werr != nil {
				return n, werr
			}
			n += int64(k)
		}
		switch {
		case errors.Is(err, io.EOF):
			return n, nil
		case err != nil && errors.Is(context.Cause(ctx), errStalled):
			return n, context.Cause(ctx)
		case err != nil:
			return n, err
		}
	}
}
