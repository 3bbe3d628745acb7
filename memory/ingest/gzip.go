package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxGzipRatio bounds what a gzip file may unpack to, as a multiple of its
// size, beyond the first maxGzipFree bytes: a gzip bomb fails instead of
// spinning for minutes.
const (
	maxGzipRatio = 200
	maxGzipFree  = 1 << 30
)

// parseGzip reads a gzip-compressed file (changelog.Debian.gz,
// notes.md.gz) as the format its name has without ".gz", when that format
// is read as a stream (text, Markdown, code, HTML, CSV, e-mail); the
// extracted text is the decompressed file's. Other contents are skipped.
func parseGzip(ctx context.Context, f *os.File, size int64, c *chunker) error {
	zr, err := gzip.NewReader(f)
	if err != nil {
		return errUnreadable("The gzip file is damaged.", err)
	}
	zr.Multistream(true)
	limited := &gzipLimit{r: zr, left: max(maxGzipFree, size*maxGzipRatio)}
	br := bufio.NewReaderSize(limited, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return gzipError(err)
	}
	inner := strings.TrimSuffix(f.Name(), filepath.Ext(f.Name()))
	kind, out := detect(inner, head)
	if out.Status != "" {
		return errSkipped("Its compressed content is skipped: " + out.Reason)
	}
	if kind >= formatPDF && kind != formatEmail && kind != formatMbox {
		return errSkipped(fmt.Sprintf("Hearth does not read a compressed %s.", kind))
	}
	return gzipError(parseStream(ctx, kind, inner, br, c))
}

// gzipError says in one sentence why decompression failed, passing other
// errors through.
func gzipError(err error) error {
	var u *unreadable
	var s *skipped
	if err == nil || errors.As(err, &u) || errors.As(err, &s) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errUnreadable("The gzip file is damaged or cut short.", err)
	}
	return err
}

// gzipLimit fails a decompression that passes its budget.
type gzipLimit struct {
	r    io.Reader
	left int64
}

func (g *gzipLimit) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.left -= int64(n)
	if g.left < 0 {
		return n, errUnreadable("The gzip file looks like a bomb: it unpacks to far more than its size.", nil)
	}
	return n, err
}
