package download

import (
	"errors"
	"fmt"
	"io"
)

// errRestart asks for the download to start over from the first byte: the
// server cannot resume where the partial file ends (416 for a partial file
// that may already be whole when the size was never known).
var errRestart = errors.New("restart the download")

// cappedReader is a body that fails with ErrSize once it has yielded more
// than left bytes, so that a server which never stops sending (no
// Content-Length, or more than the catalog pinned) cannot fill the disk.
type cappedReader struct {
	r    io.Reader
	left int64
	max  int64
}

// capBody caps body at max bytes in all, start of them already received.
func capBody(body io.Reader, start, max int64) io.Reader {
	return &cappedReader{r: body, left: max - start, max: max}
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, c.err()
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n + int(c.left), c.err()
	}
	return n, err
}

func (c *cappedReader) err() error {
	return fmt.Errorf("%w: the server sent more than %s", ErrSize, Bytes(c.max))
}
