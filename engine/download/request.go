package download

import (
	"encoding/hex"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// Request is one file to download.
type Request struct {
	URL  string // http or https
	Dest string // the final path
	// SHA256 is the expected digest in hex; empty to take it from the server
	// when it reports one, or to check size and format only.
	SHA256 string
	// Size is the expected size in bytes, or 0 when unknown. It caps what is
	// received: a server that sends more is cut off.
	Size int64
	// MaxSize caps what is received when Size is 0, whether or not the server
	// says how much it will send; 0 means DefaultMaxSize. The free space of
	// the destination's file system caps it too.
	MaxSize int64
	// HTTPSOnly refuses a plain http URL, the request's or a redirect's, as
	// catalog downloads must. LoopbackHTTP lets a test serve such a download
	// from http://127.0.0.1 (or another loopback address); never set it
	// otherwise.
	HTTPSOnly    bool
	LoopbackHTTP bool
	// Progress, when not nil, is called as bytes arrive (a few times a
	// second) and once at the end.
	Progress func(Progress)
}

// Progress is the state of a running download.
type Progress struct {
	Done    int64         // bytes on disk, including those kept from an earlier attempt
	Total   int64         // bytes in all, 0 when unknown
	Resumed int64         // bytes kept from an earlier attempt
	Speed   float64       // bytes per second, smoothed
	ETA     time.Duration // time left at this speed, 0 when unknown
}

// Result describes a finished download.
type Result struct {
	Path   string // the destination
	SHA256 string // the file's digest, hex
	Size   int64
	// Verified: the digest matched the one the caller pinned (Request.SHA256,
	// from the catalog or --sha256).
	Verified bool
	// ServerDigest: with no digest pinned, the digest matched the one the
	// server itself reported (X-Linked-Etag, ETag). That catches a broken
	// transfer, not a dishonest server: it is not a verification.
	ServerDigest bool
	Resumed      int64 // bytes kept from an earlier attempt
	Existing     bool  // the file was already there, verified; nothing was downloaded
}

// DefaultMaxSize caps a download whose size nobody pinned: larger than any
// single GGUF file in use (big models are split into parts of under 50 GB).
const DefaultMaxSize = 256 << 30

// check validates the request.
func (r *Request) check() error {
	u, err := url.Parse(r.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("download: %q is not an http(s) URL", r.URL)
	}
	if err := r.allowed(u); err != nil {
		return fmt.Errorf("download: %w", err)
	}
	if r.Dest == "" {
		return fmt.Errorf("download: no destination for %s", r.URL)
	}
	if r.SHA256 != "" {
		r.SHA256 = strings.ToLower(r.SHA256)
		if !IsSHA256(r.SHA256) {
			return fmt.Errorf("download: %q is not a SHA-256 in hex", r.SHA256)
		}
	}
	if r.Size < 0 || r.MaxSize < 0 {
		return fmt.Errorf("download: negative size %d", min(r.Size, r.MaxSize))
	}
	return nil
}

// limit is the most bytes the download may receive.
func (r *Request) limit() int64 {
	switch {
	case r.Size > 0:
		return r.Size
	case r.MaxSize > 0:
		return r.MaxSize
	}
	return DefaultMaxSize
}

// allowed refuses a plain http URL when the request is HTTPSOnly, unless it
// is a loopback one and LoopbackHTTP is set.
func (r *Request) allowed(u *url.URL) error {
	if !r.HTTPSOnly || u.Scheme == "https" {
		return nil
	}
	if r.LoopbackHTTP && u.Scheme == "http" && isLoopback(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("%w: %s is not https", ErrInsecure, u.Redacted())
}

// isLoopback reports whether host is a loopback IP address or localhost.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// IsSHA256 reports whether s is a SHA-256 digest written as 64 hex digits.
func IsSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
