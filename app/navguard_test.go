package app

import "testing"

func TestNavigationAllowed(t *testing.T) {
	for _, tc := range []struct {
		start, uri string
		want       bool
	}{
		{"wails://wails/", "wails://wails/", true},
		{"wails://wails/", "wails://wails/index.html#/chat", true},
		{"http://127.0.0.1:34115/", "http://127.0.0.1:34115/src/main.ts", true},
		{"wails://wails/", "https://evil.example/", false},
		{"wails://wails/", "wails://evil/", false},
		{"wails://wails/", "http://wails/", false},
		{"http://127.0.0.1:34115/", "http://127.0.0.1:34116/", false},
		{"http://127.0.0.1:34115/", "http://127.0.0.1:34115@evil.example/", false},
		{"http://127.0.0.1:34115/", "http://user@127.0.0.1:34115/", false},
		{"wails://wails/", "javascript:alert(1)", false},
		{"wails://wails/", "data:text/html,<script>alert(1)</script>", false},
		{"wails://wails/", "file:///etc/passwd", false},
		{"wails://wails/", "about:blank", false},
		{"wails://wails/", "/relative", false},
		{"", "wails://wails/", false},
	} {
		if got := navigationAllowed(tc.start, tc.uri); got != tc.want {
			t.Errorf("navigationAllowed(%q, %q) = %v, want %v", tc.start, tc.uri, got, tc.want)
		}
	}
}
