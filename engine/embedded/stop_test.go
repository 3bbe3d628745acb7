package embedded

import (
	"strings"
	"testing"
)

func TestStopper(t *testing.T) {
	tests := []struct {
		name   string
		stops  []string
		pieces []string
		shown  string // all text returned, including the final flush
		hit    bool
	}{
		{"no stops", nil, []string{"a", "b"}, "ab", false},
		{"whole piece", []string{"STOP"}, []string{"go ", "STOP", " after"}, "go ", true},
		{"across pieces", []string{"User:"}, []string{"Hi.\nUs", "er", ": next"}, "Hi.\n", true},
		{"false start released", []string{"User:"}, []string{"Hi Us", "a", "!"}, "Hi Usa!", false},
		{"held at the end", []string{"</s>"}, []string{"bye </"}, "bye </", false},
		{"earliest of several", []string{"world", "lo w"}, []string{"hel", "lo world"}, "hel", true},
		{"unicode", []string{"é!"}, []string{"caf", "é", "!", "x"}, "caf", true},
		{"empty stop ignored", []string{""}, []string{"a"}, "a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStopper(tt.stops)
			var b strings.Builder
			hit := false
			for _, p := range tt.pieces {
				out, h := s.feed(p)
				b.WriteString(out)
				if h {
					hit = true
					break
				}
				for _, x := range tt.stops {
					if x != "" && strings.Contains(b.String(), x) {
						t.Fatalf("stop %q shown in %q", x, b.String())
					}
				}
			}
			if !hit {
				b.WriteString(s.flush())
			}
			if b.String() != tt.shown || hit != tt.hit {
				t.Errorf("shown %q hit %v, want %q %v", b.String(), hit, tt.shown, tt.hit)
			}
		})
	}
}
