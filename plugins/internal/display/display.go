// Package display checks text from untrusted sources (plugin manifests,
// registry indexes) before Hearth shows it: valid UTF-8, bounded, free of
// control characters and of the bidirectional controls that can make one
// name read as another.
package display

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Check returns what is wrong with s as the end of a sentence ("is longer
// than 64 bytes"), or "" when s may be shown. A multiline text may hold
// line breaks and tabs.
func Check(s string, max int, multiline bool) string {
	if len(s) > max {
		return fmt.Sprintf("is longer than %d bytes", max)
	}
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			return fmt.Sprintf("holds the control character U+%04X", r)
		}
	}
	return ""
}

// isBidiControl reports whether r changes the direction of the text around
// it.
func isBidiControl(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
