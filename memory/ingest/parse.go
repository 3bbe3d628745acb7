package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// Parser reads files into chunks. It holds the PDF engine, which is costly
// to start (it compiles PDFium's WebAssembly on first use), so one Parser
// serves a whole indexing run; it is safe for concurrent use. Close it when
// done.
type Parser struct {
	opts Options
	pdf  *lazyPDF
}

// lazyPDF starts the PDF engine on first use.
type lazyPDF struct {
	once sync.Once
	e    *pdfEngine
	err  error
}

// NewParser returns a Parser with opts (zero fields take their defaults).
// Options.Extracted, if set, receives the text of every file parsed, so it
// suits a Parser used for one file at a time; see Extracting.
func NewParser(opts Options) *Parser {
	return &Parser{opts: opts.withDefaults(), pdf: &lazyPDF{}}
}

// Extracting returns a Parser that shares p's engines but writes the
// extracted text of the files it parses to w (see Options.Extracted).
// Close p, not it.
func (p *Parser) Extracting(w io.Writer) *Parser {
	q := *p
	q.opts.Extracted = w
	return &q
}

// Close releases the PDF engine, if it was started.
func (p *Parser) Close() error {
	if p.pdf.e != nil {
		return p.pdf.e.close()
	}
	return nil
}

// Parse reads one file with a throwaway Parser: fine for a few files, but
// a walk over many PDFs should share one Parser (see NewParser).
func Parse(ctx context.Context, path string, opts Options, emit func(Chunk) error) Outcome {
	p := NewParser(opts)
	defer p.Close()
	return p.Parse(ctx, path, emit)
}

// Parse opens the file at path, decides its format from its extension and
// its first bytes, streams its text through the chunker and calls emit for
// each chunk in order (from a goroutine of its own, one call at a time,
// never after Parse has returned). It returns the file's Outcome; it never
// panics. An error from emit stops the parse and comes back as Failed with the
// error's text. When ctx is cancelled the Outcome is Failed and the caller
// should look at ctx.Err() before recording it.
func (p *Parser) Parse(ctx context.Context, path string, emit func(Chunk) error) Outcome {
	f, before, out := openRegular(path)
	if f == nil {
		return out
	}
	defer f.Close()
	if before.Size() == 0 {
		return Outcome{NoText, "The file is empty."}
	}
	head := make([]byte, sniffLen)
	n, err := f.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return failed(fmt.Errorf("read: %w", err))
	}
	kind, out := detect(path, head[:n])
	if out.Status != "" {
		return out
	}
	out = p.run(ctx, kind, f, before.Size(), emit)
	if out.Status != Indexed && out.Status != NoText {
		return out
	}
	if changed := unchanged(path, f, before); changed.Status == Failed {
		return changed
	}
	return out
}

// sniffLen is how much of a file's start decides its format.
const sniffLen = 8 << 10

// openRegular opens path if it is a regular file, and returns it with its
// state before reading; or nil and the Outcome saying why not.
func openRegular(path string) (*os.File, os.FileInfo, Outcome) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, failed(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, Outcome{Skipped, fmt.Sprintf("It is not a regular file (%s).", kindOfMode(fi.Mode()))}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, failed(err)
	}
	now, err := f.Stat()
	if err != nil || !os.SameFile(fi, now) || !now.Mode().IsRegular() {
		f.Close()
		return nil, nil, Outcome{Failed, "The file changed while being read; it will be read again."}
	}
	return f, now, Outcome{}
}

// kindOfMode names what a non-regular file is.
func kindOfMode(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// unchanged returns Indexed if the file at path still has the size and
// modification time it had before reading, and Failed otherwise so that
// the caller reads it again.
func unchanged(path string, f *os.File, before os.FileInfo) Outcome {
	for _, stat := range []func() (os.FileInfo, error){f.Stat, func() (os.FileInfo, error) { return os.Stat(path) }} {
		after, err := stat()
		if err != nil || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) || !os.SameFile(before, after) {
			return Outcome{Failed, "The file changed while being read; it will be read again."}
		}
	}
	return Outcome{Status: Indexed}
}

// run parses f as kind under the time limit, turning a panic into Failed
// and a file with no chunk into NoText.
func (p *Parser) run(ctx context.Context, kind format, f *os.File, size int64, emit func(Chunk) error) Outcome {
	ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	var mu sync.Mutex // held while emit runs; once over, emit is never called again
	chunks, over := 0, false
	c := newChunker(p.opts, func(ch Chunk) error {
		mu.Lock()
		defer mu.Unlock()
		if over {
			return context.Cause(ctx)
		}
		chunks++
		if err := emit(ch); err != nil {
			return &emitError{err}
		}
		return nil
	})
	done := make(chan Outcome, 1)
	go func() { done <- p.guarded(ctx, kind, f, size, c) }()
	select {
	case out := <-done:
		if out.Status == Indexed && chunks == 0 {
			return Outcome{NoText, kind.noText()}
		}
		return out
	case <-ctx.Done():
		mu.Lock()
		over = true
		mu.Unlock()
		return p.timedOut(ctx)
	}
}

// guarded runs the format's parser and the final flush, recovering a
// panic into Failed.
func (p *Parser) guarded(ctx context.Context, kind format, f *os.File, size int64, c *chunker) (out Outcome) {
	defer func() {
		if r := recover(); r != nil {
			out = Outcome{Failed, fmt.Sprintf("The %s could not be read: its parser failed (%v).", kind, r)}
		}
	}()
	err := p.parseFormat(ctx, kind, f, size, c)
	if err == nil {
		err = c.flush()
	}
	if err != nil {
		return failed(err)
	}
	return Outcome{Status: Indexed}
}

// timedOut is the Outcome of a parse stopped by ctx.
func (p *Parser) timedOut(ctx context.Context) Outcome {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return Outcome{Failed, fmt.Sprintf("Reading it took longer than the %s limit.", p.opts.Timeout)}
	}
	return Outcome{Failed, "Reading it was cancelled."}
}

// emitError marks an error that came from the caller's emit.
type emitError struct{ err error }

func (e *emitError) Error() string { return e.err.Error() }
func (e *emitError) Unwrap() error { return e.err }

// failed turns err into a Failed Outcome with one sentence.
func failed(err error) Outcome {
	var ee *emitError
	var pe *os.PathError
	var ue *unreadable
	var se *skipped
	switch {
	case errors.As(err, &ee):
		return Outcome{Failed, ee.Error()}
	case errors.As(err, &se):
		return Outcome{Skipped, se.sentence}
	case errors.As(err, &ue):
		return Outcome{Failed, ue.sentence}
	case errors.Is(err, os.ErrPermission):
		return Outcome{Failed, "Hearth may not read the file (permission denied)."}
	case errors.Is(err, os.ErrNotExist):
		return Outcome{Failed, "The file no longer exists."}
	case errors.Is(err, context.DeadlineExceeded):
		return Outcome{Failed, "Reading it took longer than the time limit."}
	case errors.Is(err, context.Canceled):
		return Outcome{Failed, "Reading it was cancelled."}
	case errors.As(err, &pe):
		return Outcome{Failed, fmt.Sprintf("The file could not be read: %v.", pe.Err)}
	}
	return Outcome{Failed, fmt.Sprintf("The file could not be read: %v.", err)}
}

// unreadable is a parser's error that already reads as one sentence.
type unreadable struct {
	sentence string
	err      error
}

func (u *unreadable) Error() string { return u.sentence }
func (u *unreadable) Unwrap() error { return u.err }

// skipped is a parser's decision not to read a file, in one sentence.
type skipped struct{ sentence string }

func (s *skipped) Error() string { return s.sentence }

// errSkipped returns an error whose Outcome is Skipped with sentence.
func errSkipped(sentence string) error { return &skipped{sentence} }

// errUnreadable returns an error whose Outcome reason is sentence.
func errUnreadable(sentence string, err error) error { return &unreadable{sentence, err} }

// checkSize fails a file of a format read whole when it is over the cap.
func (p *Parser) checkSize(kind format, size int64) error {
	if size > p.opts.MaxFileSize {
		return errUnreadable(fmt.Sprintf("The %s is %d MiB, over the %d MiB limit for its format.", kind, size>>20, p.opts.MaxFileSize>>20), nil)
	}
	return nil
}
