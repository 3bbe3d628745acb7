package toolcall

import "strings"

// decision is the answer to a question about text that may be incomplete.
type decision int

const (
	undecided decision = iota
	yes
	no
)

// leadingCall decides whether an answer that begins with s begins a Llama
// 3.x bare JSON call: an object whose first key is "name", or "type" (as
// in {"type": "function", "name": ...}). Whitespace may come between.
func leadingCall(s string) decision {
	s = strings.TrimLeft(s, " \t\r\n")
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
