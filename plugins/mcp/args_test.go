package mcp_test

import (
	"errors"
	"testing"
	"time"

	"github.com/hearth-app/hearth/plugins/mcp"
	"github.com/hearth-app/hearth/plugins/tool"
)

// TestEverythingArgsChecked: the registry checks arguments against the
// schema server-everything publishes for get-sum (a and b are numbers,
// both required), so a wrong call never reaches the server and is
// audited as refused, while a right one runs.
func TestEverythingArgsChecked(t *testing.T) {
	m, st := newManager(t, mcp.Options{})
	r := addServer(t, m, st, mcp.Config{Name: "everything", Command: everything(t)})
	tests := []struct{ args, want string }{
		{`{"a":"2","b":40}`, `the argument "a" must be a number`},
		{`{"a":2}`, `the argument "b" is missing`},
	}
	for _, tt := range tests {
		_, err := call(t, r, "mcp:everything", "get-sum", tt.args, 30*time.Second)
		if !errors.Is(err, tool.ErrInvalidArgs) || err.Error() != tt.want {
			t.Errorf("get-sum %s: %v, want %q", tt.args, err, tt.want)
		}
	}
	res, err := call(t, r, "mcp:everything", "get-sum", `{"a":2,"b":40}`, 30*time.Second)
	if err != nil || res.IsError {
		t.Fatalf("a call that fits: %+v %v", res, err)
	}
	log, err := r.Audit(t.Context())
	if err != nil || len(log) != 3 || !log[0].Refused || !log[1].Refused || log[2].Refused {
		t.Fatalf("audit: %+v %v", log, err)
	}
}
