package manifest

import (
	"unicode"
	"unicode/utf8"
)

// checkText checks a free-text field: valid UTF-8, at most max bytes, no
// control characters (a description may hold line breaks and tabs) and no
// bidirectional controls, which could make a name read as another.
func checkText(field, s string, max int, multiline bool) error {
	if len(s) > max {
		return invalid("the %s is longer than %d bytes", field, max)
	}
	if !utf8.ValidString(s) {
		return invalid("the %s is not valid UTF-8", field)
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			return invalid("the %s holds the control character U+%04X", field, r)
		}
	}
	return nil
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
