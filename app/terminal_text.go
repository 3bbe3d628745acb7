package app

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// terminalText returns untrusted text (a model's answer, a tool's or
// plugin's result, an MCP server's description, a document's snippet or
// file name) fit to print on a terminal: control characters other than
// newline and tab, which a terminal would act on (escape sequences that
// rewrite lines, set the title or the clipboard; carriage returns that hide
// what came before), bidirectional overrides and bytes that are not UTF-8
// are shown as visible escapes instead.
func terminalText(s string) string {
	if terminalSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[0])
		case unsafeOnTerminal(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

// terminalSafe reports whether s prints on a terminal as it is.
func terminalSafe(s string) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if (r == utf8.RuneError && size == 1) || unsafeOnTerminal(r) {
			return false
		}
		s = s[size:]
	}
	return true
}

func unsafeOnTerminal(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

// terminalWriter prints a streamed answer as terminalText does. A character
// split between two pieces of the stream is held until its last byte
// arrives, so that neither half is taken for a stray byte; Flush prints
// what is held when the stream ends.
type terminalWriter struct {
	w    io.Writer
	held []byte
}

func newTerminalWriter(w io.Writer) *terminalWriter { return &terminalWriter{w: w} }

func (t *terminalWriter) Write(p []byte) (int, error) {
	buf := append(t.held, p...)
	cut := len(buf) - partialRuneLen(buf)
	t.held = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(t.w, terminalText(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush prints a character left incomplete at the end of the stream, as
// escaped bytes.
func (t *terminalWriter) Flush() {
	if len(t.held) > 0 {
		io.WriteString(t.w, terminalText(string(t.held)))
		t.held = nil
	}
}

// partialRuneLen is the length of an incomplete UTF-8 sequence at the end
// of b that more bytes could still complete (0 when there is none).
func partialRuneLen(b []byte) int {
	for n := 1; n < utf8.UTFMax && n <= len(b); n++ {
		start := b[len(b)-n]
		if utf8.RuneStart(start) {
			if start >= 0xC0 && !utf8.FullRune(b[len(b)-n:]) {
				return n
			}
			return 0
		}
	}
	return 0
}
