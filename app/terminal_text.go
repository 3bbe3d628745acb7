package app

import (
	"fmt"
	"strings"
	"unicode"
)

// terminalText returns untrusted text (a tool's or plugin's result, an MCP
// server's description, a model's arguments) fit to print on a terminal:
// control characters other than newline and tab, which a terminal would act
// on (escape sequences that rewrite lines, set the title or the clipboard;
// carriage returns that hide what came before), and bidirectional
// overrides are shown as visible escapes instead.
func terminalText(s string) string {
	clean := true
	for _, r := range s {
		if unsafeOnTerminal(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if unsafeOnTerminal(r) {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func unsafeOnTerminal(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}
