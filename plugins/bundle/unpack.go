package bundle

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
)

// unpacker reads entries while it counts what they unpack to, against the
// limits, never against what the zip's headers claim.
type unpacker struct {
	lim      Limits
	total    int64 // bytes unpacked so far
	ratioCap int64 // bytes the whole zip may unpack to under the ratio
}

// newUnpacker starts counting for a zip of size bytes.
func newUnpacker(lim Limits, size int64) *unpacker {
	return &unpacker{lim: lim, ratioCap: max(size, ratioFloor) * int64(lim.MaxRatio)}
}

// read unpacks one entry of at most limit bytes. It stops one byte past the
// first limit met, and names that limit.
func (u *unpacker) read(f *zip.File, limit int64) ([]byte, error) {
	fileRatio := max(int64(f.CompressedSize64), ratioFloor) * int64(u.lim.MaxRatio)
	allowed := min(limit, u.lim.MaxFile, u.lim.MaxTotal-u.total, u.ratioCap-u.total, fileRatio)
	rc, err := f.Open()
	if err != nil {
		return nil, failCause(ErrCorrupt, err, "the plugin's file %q cannot be unpacked", clip(f.Name))
	}
	defer rc.Close()
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(rc, allowed+1))
	if n > allowed {
		return nil, u.overLimit(f.Name, n, limit, fileRatio)
	}
	if err != nil {
		return nil, failCause(ErrCorrupt, err, "the plugin's file %q is damaged", clip(f.Name))
	}
	u.total += n
	return buf.Bytes(), nil
}

// overLimit says which limit an entry ran past after n bytes.
func (u *unpacker) overLimit(name string, n, limit, fileRatio int64) error {
	name = clip(name)
	switch {
	case n > fileRatio || u.total+n > u.ratioCap:
		return fail(ErrCompression, "the plugin's file %q unpacks to more than %d times its packed size, which looks like a zip bomb", name, u.lim.MaxRatio)
	case n > limit && limit < u.lim.MaxFile:
		return fail(ErrTooLarge, "the plugin's %q is larger than %s", name, size(limit))
	case n > u.lim.MaxFile:
		return fail(ErrTooLarge, "the plugin's file %q is larger than %s unpacked", name, size(u.lim.MaxFile))
	}
	return fail(ErrTooLarge, "the plugin's files together are larger than %s unpacked", size(u.lim.MaxTotal))
}

// size writes a byte count for an error, in MiB or KiB when it is a whole
// number of them.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
