package app_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestToolsCallChecksArguments: `hearth tools call` refuses a built-in's
// call whose arguments do not fit its schema with one sentence, before it
// runs, and the audit log says it was refused.
func TestToolsCallChecksArguments(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", "pass")
	if code, _, errOut := run(t, "tools", "list"); code != 0 { // creates the store
		t.Fatalf("tools list: %s", errOut)
	}
	tests := []struct{ args, want string }{
		{`{"query": 5}`, `hearth: the argument "query" must be a string`},
		{`{}`, `hearth: the argument "query" is missing`},
		{`{"query": "tea", "limit": 99}`, `hearth: the argument "limit" must be at most 20`},
		{`[1]`, `hearth: the arguments must be a JSON object`},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, "tools", "call", "hearth", "search_memories", tt.args)
		if code != 1 || out != "" || !strings.HasPrefix(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: exit %d, out %q, err %q; want %q", tt.args, code, out, errOut, tt.want)
		}
	}
	if code, out, errOut := run(t, "tools", "call", "hearth", "search_memories", `{"query": "tea", "limit": 3}`); code != 0 {
		t.Fatalf("a call that fits: exit %d, out %q, err %q", code, out, errOut)
	}
	code, out, _ := run(t, "tools", "audit", "--json")
	var log []struct {
		Refused bool   `json:"refused"`
		Error   string `json:"error"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &log) != nil || len(log) != 5 {
		t.Fatalf("audit: exit %d, %s", code, out)
	}
	for i, e := range log {
		if e.Refused != (i < 4) {
			t.Errorf("audit entry %d: %+v", i, e)
		}
	}
}
