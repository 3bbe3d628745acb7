package display_test

import (
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/internal/display"
)

func TestCheck(t *testing.T) {
	cases := []struct {
		s         string
		max       int
		multiline bool
		want      string
	}{
		{"Units — ünïcode is fine 🔥", 64, false, ""},
		{"two\nlines\tand a tab", 64, true, ""},
		{"two\nlines", 64, false, "U+000A"},
		{"bell\a", 64, true, "U+0007"},
		{"evil\u202egnp.exe", 64, false, "U+202E"},
		{"isolate\u2066x\u2069", 64, false, "U+2066"},
		{"mark\u200f", 64, false, "U+200F"},
		{"\xff\xfe", 64, false, "not valid UTF-8"},
		{strings.Repeat("x", 65), 64, false, "longer than 64 bytes"},
	}
	for _, c := range cases {
		got := display.Check(c.s, c.max, c.multiline)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("Check(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}
