package download

import (
	"encoding/hex"
	"fmt"
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
	// Size is the expected size in bytes, or 0 when unknown.
	Size int64
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
	Path     string // the destination
	SHA256   string // the file's digest, hex
	Size     int64
	Verified bool  // the digest was compared with an expected one
	Resumed  int64 // bytes kept from an earlier attempt
	Existing bool  // the file was already there, verified; nothing was downloaded
}

// check validates the request.
func (r *Request) check() error {
	u, err := url.Parse(r.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("download: %q is not an http(s) URL", r.URL)
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
	if r.Size < 0 {
		return fmt.Errorf("download: negative size %d", r.Size)
	}
	return nil
}

// IsSHA256 reports whether s is a SHA-256 digest written as 64 hex digits.
func IsSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
