package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
)

// parseMbox reads a mailbox: messages separated by lines that start with
// "From " (mboxo and mboxrd alike; ">From " lines are left as they are),
// each read as an e-mail, with its subject as its heading path. Messages
// stream one after the other, so a mailbox of any size has bounded memory.
func parseMbox(ctx context.Context, r io.Reader, c *chunker) error {
	s := &mboxSplitter{br: bufio.NewReaderSize(r, maxPiece)}
	for s.next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := parseEmail(ctx, s, c)
		if err != nil && !isBadHeader(err) {
			return err
		}
		if _, err := io.Copy(io.Discard, s); err != nil {
			return err
		}
	}
	return s.err
}

// isBadHeader reports whether err is one message's unparsable header,
// which skips that message only.
func isBadHeader(err error) bool {
	var u *unreadable
	return errors.As(err, &u) && u.sentence == "The e-mail's header does not parse."
}

// mboxSplitter reads one message of a mailbox at a time: as an io.Reader
// it gives the current message's lines and ends before the next "From "
// line.
type mboxSplitter struct {
	br      *bufio.Reader
	pending []byte // the start of the line read ahead
	atStart bool   // the reader is at the start of a line
	done    bool   // the current message has ended
	eof     bool
	err     error
}

// next moves to the next message, skipping its "From " line; false at
// the end of the mailbox.
func (s *mboxSplitter) next() bool {
	for !s.eof {
		line, err := s.readLine()
		if len(line) > 0 && bytes.HasPrefix(line, []byte("From ")) {
			s.skipRest(line)
			s.done = false
			return true
		}
		if err != nil {
			return false
		}
	}
	return false
}

// skipRest drops the rest of a "From " line longer than the buffer.
func (s *mboxSplitter) skipRest(line []byte) {
	for len(line) > 0 && line[len(line)-1] != '\n' && !s.eof {
		line, _ = s.readLine()
	}
	s.atStart = true
}

// readLine returns the pending line or the next line (or a buffer's worth
// of it), noting the end of input.
func (s *mboxSplitter) readLine() ([]byte, error) {
	if s.pending != nil {
		l := s.pending
		s.pending = nil
		return l, nil
	}
	line, err := s.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		err = nil
	}
	if err != nil {
		s.eof = true
		if !errors.Is(err, io.EOF) {
			s.err = err
		}
	}
	return append([]byte(nil), line...), err
}

// Read gives the current message's bytes, line by line.
func (s *mboxSplitter) Read(p []byte) (int, error) {
	if s.done {
		return 0, io.EOF
	}
	line, err := s.readLine()
	if s.atStart && bytes.HasPrefix(line, []byte("From ")) {
		s.pending, s.done = line, true
		return 0, io.EOF
	}
	if len(line) > len(p) {
		s.pending, line = line[len(p):], line[:len(p)]
		s.atStart = false
	} else {
		s.atStart = len(line) > 0 && line[len(line)-1] == '\n'
	}
	n := copy(p, line)
	if n == 0 && err != nil {
		s.done = true
		return 0, io.EOF
	}
	return n, nil
}
