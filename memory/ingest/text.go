package ingest

import (
	"bufio"
	"context"
	"errors"
	"io"
	"unicode/utf8"
)

// maxPiece bounds one piece of text read from a stream: a line, or part of
// a longer one.
const maxPiece = 64 << 10

// pieces reads r in lines of at most maxPiece bytes (a longer line comes in
// several pieces, each cut between two characters), calling fn with each
// piece, its newline included. It checks ctx between pieces.
func pieces(ctx context.Context, r io.Reader, fn func(piece []byte) error) error {
	br := bufio.NewReaderSize(r, maxPiece)
	var carry []byte // the start of a character cut at a piece's end
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := br.ReadSlice('\n')
		buf := append(carry, line...)
		carry = nil
		if errors.Is(err, bufio.ErrBufferFull) {
			cut := lastRuneStart(buf)
			carry = append([]byte(nil), buf[cut:]...)
			buf = buf[:cut]
			err = nil
		}
		if len(buf) > 0 {
			if ferr := fn(buf); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			if len(carry) > 0 {
				return fn(carry)
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// lastRuneStart returns where an incomplete UTF-8 sequence at the end of b
// starts, or len(b) when b ends on a whole character.
func lastRuneStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// parseText reads plain text: its extracted text is the file itself (with
// invalid UTF-8 as U+FFFD), cut at paragraph breaks.
func parseText(ctx context.Context, r io.Reader, c *chunker) error {
	return pieces(ctx, r, func(piece []byte) error { return c.add(string(piece), 0, "") })
}
