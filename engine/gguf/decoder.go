package gguf

import (
	"encoding/binary"
	"fmt"
	"io"
)

// windowSize is how many bytes the decoder reads from the source at a time.
const windowSize = 64 << 10

// decoder reads little-endian values from an io.ReaderAt of known size
// through a window, checking every read against the size first so that no
// length taken from the file can make it allocate more than the file holds.
type decoder struct {
	r      io.ReaderAt
	size   int64  // total size of the source
	off    int64  // absolute offset of the next byte to read
	buf    []byte // window contents
	bufOff int64  // absolute offset of buf[0]
}

func newDecoder(r io.ReaderAt, size int64) *decoder {
	return &decoder{r: r, size: size}
}

// remaining returns the number of bytes between the read position and the end.
func (d *decoder) remaining() int64 { return d.size - d.off }

// take returns the next n bytes and advances past them. The slice is valid
// until the next call on d.
func (d *decoder) take(n int64) ([]byte, error) {
	if n < 0 || n > d.remaining() {
		return nil, fmt.Errorf("needs %d bytes at offset %d but the file ends at %d", n, d.off, d.size)
	}
	start := d.off - d.bufOff
	if d.off >= d.bufOff && start+n <= int64(len(d.buf)) {
		d.off += n
		return d.buf[start : start+n], nil
	}
	if err := d.fill(n); err != nil {
		return nil, err
	}
	d.off += n
	return d.buf[:n], nil
}

// fill loads the window starting at the read position with at least n bytes.
func (d *decoder) fill(n int64) error {
	want := max(n, min(windowSize, d.remaining()))
	if int64(cap(d.buf)) < want {
		d.buf = make([]byte, want)
	}
	d.buf = d.buf[:want]
	d.bufOff = d.off
	got, err := d.r.ReadAt(d.buf, d.off)
	if got < len(d.buf) {
		d.buf = d.buf[:0]
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return &readError{fmt.Errorf("read %d bytes at offset %d: %w", want, d.off, err)}
	}
	return nil
}

func (d *decoder) u8() (uint8, error) {
	b, err := d.take(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

func (d *decoder) u16() (uint16, error) {
	b, err := d.take(2)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint16(b), nil
}

func (d *decoder) u32() (uint32, error) {
	b, err := d.take(4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

func (d *decoder) u64() (uint64, error) {
	b, err := d.take(8)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b), nil
}

// length reads a uint64 byte or element count and checks that count items of
// at least minBytes bytes each fit in what is left of the file.
func (d *decoder) length(minBytes int64, what string) (int64, error) {
	n, err := d.u64()
	if err != nil {
		return 0, err
	}
	if minBytes > 0 && n > uint64(d.remaining()/minBytes) {
		return 0, fmt.Errorf("%s %d does not fit in the %d bytes left in the file", what, n, d.remaining())
	}
	return int64(n), nil
}

// str reads a GGUF string: a uint64 length and that many bytes.
func (d *decoder) str() (string, error) {
	n, err := d.length(1, "string length")
	if err != nil {
		return "", err
	}
	b, err := d.take(n)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// readError is a failure of the underlying reader, as opposed to a problem
// with the bytes read; it is not reported as corruption.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// skip advances past the next n bytes without reading them.
func (d *decoder) skip(n int64) error {
	if n < 0 || n > d.remaining() {
		return fmt.Errorf("needs %d bytes at offset %d but the file ends at %d", n, d.off, d.size)
	}
	d.off += n
	return nil
}
