package toolcall

import "strings"

// decision is the answer to a question about text that may be incomplete.
type decision int

const (
	undecided decision = iota
	yes
	no
)

// maxLeading is the most text held back while deciding whether an answer
// begins with a call (whitespace a model may write first).
const maxLeading = 64

// leadingCall decides whether an answer that begins with s begins a Llama
// 3.x bare JSON call: an object whose first key is "name", or "type" (as
// in {"type": "function", "name": ...}). Whitespace may come between.
func leadingCall(s string) decision {
	trimmed := strings.TrimLeft(s, " \t\r\n")
	if len(s)-len(trimmed) > maxLeading {
		return no
	}
	s = trimmed
	if s == "" {
		return undecided
	}
	if s[0] != '{' {
		return no
	}
	s = strings.TrimLeft(s[1:], " \t\r\n")
	if s == "" {
		return undecided
	}
	for _, key := range []string{`"name"`, `"type"`} {
		if strings.HasPrefix(s, key) {
			return yes
		}
		if strings.HasPrefix(key, s) {
			return undecided
		}
	}
	return no
}
