package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/plugins/tool"
)

// TestAuditLine checks how `hearth tools audit` tells the three endings of
// a call apart, and that a model's arguments or a tool's error cannot act
// on the terminal.
func TestAuditLine(t *testing.T) {
	at := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		e           tool.AuditEntry
		want, wantN []string
	}{
		{"ran", tool.AuditEntry{Time: at, Source: "mcp:files", Tool: "read", Args: json.RawMessage(`{"path":"a"}`), ResultSize: 42, ApprovedBy: "always"},
			[]string{`mcp:files read {"path":"a"}`, "-> 42 bytes, approved by always"}, []string{"refused", "failed"}},
		{"schema refusal", tool.AuditEntry{Time: at, Source: "plugin:dev.hearth.units", Tool: "convert", Args: json.RawMessage(`{"value":"x"}`),
			Error: "arguments do not fit the tool's schema: value: want number", Refused: true},
			[]string{"-> refused: arguments do not fit the tool's schema: value: want number"}, []string{"bytes", "approved by"}},
		{"failed", tool.AuditEntry{Time: at, Source: "mcp:files", Tool: "read", Args: json.RawMessage(`{}`), ApprovedBy: "once", Error: "no such file"},
			[]string{"-> failed after approval by once: no such file"}, []string{"refused"}},
		{"hostile", tool.AuditEntry{Time: at, Source: "mcp:x", Tool: "t", Args: json.RawMessage("{\"a\":\"\x1b]52;c;eA==\x07\"}"), Error: "bad\rworse", Refused: true},
			[]string{`\u001b]52;c;eA==\u0007`, `bad\u000dworse`}, []string{"\x1b", "\r", "\x07"}},
	}
	for _, tt := range tests {
		got := auditLine(tt.e)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.name, got, w)
			}
		}
		for _, n := range tt.wantN {
			if strings.Contains(got, n) {
				t.Errorf("%s: %q has %q", tt.name, got, n)
			}
		}
	}
}
