package memory

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"sync"
)

// Large sealed values (index segments, chunk text) are compressed with
// DEFLATE before they are sealed; see "Compress, then seal" in
// RATIONALE.md. The level favours speed: indexing runs at the pace of
// parsing and analysis, and on this text BestSpeed's output is within
// 5% of the default level's.

// A flate writer allocates about a megabyte of state and a reader tens
// of kilobytes; chunks are compressed one by one, so both are reused.
// The pools hold no data between uses: Reset starts each one afresh.
var (
	deflaters = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed) // the level is valid: no error
		return w
	}}
	inflaters = sync.Pool{New: func() any { return flate.NewReader(nil) }}
)

// deflate compresses b.
func deflate(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/2 + 64)
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&buf)
	_, _ = w.Write(b) // a bytes.Buffer does not fail
	_ = w.Close()
	return buf.Bytes()
}

// inflate decompresses b, refusing more than limit bytes of output, into
// a slice of about its own size (sizeHint is the first guess). The
// input was sealed by this store, so a failure is damage or a bug, never
// an attacker's choice; the limit keeps even that bounded.
func inflate(b []byte, limit int64, sizeHint int) ([]byte, error) {
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
		return nil, fmt.Errorf("inflate: %w", err)
	}
	var out bytes.Buffer
	out.Grow(sizeHint)
	n, err := io.Copy(&out, io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("inflate: %w", err)
	}
	if n > limit {
		return nil, fmt.Errorf("inflate: more than %d bytes", limit)
	}
	if out.Cap() > int(n)+int(n)/16 { // the result may be kept (a loaded index segment): no spare capacity
		return bytes.Clone(out.Bytes()), nil
	}
	return out.Bytes(), nil
}
