package app

import "testing"

func TestTerminalText(t *testing.T) {
	for in, want := range map[string]string{
		"1 mi = 1.609344 km":           "1 mi = 1.609344 km",
		"two\nlines\tand a tab":        "two\nlines\tand a tab",
		"\x1b]52;c;ZXZpbA==\x07copied": `\u001b]52;c;ZXZpbA==\u0007copied`,
		"harmless\rrm -rf ~":           `harmless\u000drm -rf ~`,
		"\u009b31mC1 CSI":              `\u009b31mC1 CSI`,
		"abc\u202edef":                 `abc\u202edef`,
		"":                             "",
	} {
		if got := terminalText(in); got != want {
			t.Errorf("terminalText(%q) = %q, want %q", in, got, want)
		}
	}
}
