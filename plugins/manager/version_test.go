package manager

import (
	"context"
	"testing"

	"github.com/hearth-app/hearth/plugins/host"
	"github.com/hearth-app/hearth/plugins/tool"
)

func TestNewEnough(t *testing.T) {
	for _, tc := range []struct {
		have, need string
		want       bool
	}{
		{"dev", "9.9.9", true},
		{"", "1.0.0", true},
		{"0.3.0-4-g1a2b3c4-dirty", "9.0.0", true}, // git describe: a development build
		{"0.1.0", "0.2.0", false},
		{"v0.2.0", "0.2.0", true},
		{"1.10.0", "1.9.0", true},
		{"1.9.0", "1.10.0", false},
		{"1.0.0", "", true},
	} {
		if got := newEnough(tc.have, tc.need); got != tc.want {
			t.Errorf("newEnough(%q, %q) = %v, want %v", tc.have, tc.need, got, tc.want)
		}
	}
}

// TestAuditBounded keeps the newest maxAudit entries, newest first, denied
// ones included.
func TestAuditBounded(t *testing.T) {
	ctx := context.Background()
	m := New(&tool.MemStore{}, Options{})
	for i := range maxAudit + 20 {
		m.audit.add(host.Event{Plugin: "p", Function: "f", Allowed: i%2 == 0, Detail: string(rune('a' + i%26))})
		if i%100 == 0 {
			if err := m.flushAudit(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	log, err := m.Audit(ctx)
	if err != nil || len(log) != maxAudit {
		t.Fatalf("%d entries, %v", len(log), err)
	}
	last := maxAudit + 19
	if log[0].Detail != string(rune('a'+last%26)) || log[0].Allowed != (last%2 == 0) {
		t.Fatalf("newest entry: %+v", log[0])
	}
}
