package tool_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hearth-app/hearth/plugins/tool"
)

// fake is a provider with fixed tools that echo their arguments.
type fake struct {
	source string
	tools  []tool.Tool
	calls  atomic.Int32
}

func (f *fake) Source() string { return f.source }
func (f *fake) Tools(context.Context) ([]tool.Tool, error) {
	out := append([]tool.Tool(nil), f.tools...)
	for i := range out {
		out[i].Source = f.source
	}
	return out, nil
}
func (f *fake) Call(_ context.Context, name string, args json.RawMessage) (tool.Result, error) {
	f.calls.Add(1)
	return tool.Result{Text: name + string(args), Size: len(args)}, nil
}

// counter approves with a scope and counts how often it was asked.
type counter struct {
	scope tool.Scope
	allow bool
	n     atomic.Int32
}

func (c *counter) Approve(context.Context, tool.Request) (tool.Decision, error) {
	c.n.Add(1)
	return tool.Decision{Allow: c.allow, Scope: c.scope, By: "user"}, nil
}

func TestModelNames(t *testing.T) {
	hearth := &fake{source: "hearth", tools: []tool.Tool{{Name: "search"}, {Name: "weird name/ü"}}}
	a := &fake{source: "mcp:a", tools: []tool.Tool{{Name: "search"}, {Name: "x.y"}, {Name: "x_y"}, {Name: strings.Repeat("long", 30)}, {Name: "_search"}}}
	b := &fake{source: "mcp:a_", tools: []tool.Tool{{Name: "search"}}}
	r := tool.New(&tool.MemStore{}, hearth, a, b)
	ts, err := r.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"search", "weird_name__", "a__search", "a__x_y", "a__x_y_2", ("a__" + strings.Repeat("long", 30))[:64], "a___search", "a___search_2"}
	seen := map[string]bool{}
	for i, tl := range ts {
		if tl.ModelName != want[i] {
			t.Errorf("tool %d (%s %s): model name %q, want %q", i, tl.Source, tl.Name, tl.ModelName, want[i])
		}
		if seen[tl.ModelName] || len(tl.ModelName) > 64 {
			t.Errorf("model name %q repeated or too long", tl.ModelName)
		}
		seen[tl.ModelName] = true
	}
}

func TestPolicy(t *testing.T) {
	builtinRead := tool.Tool{Trust: tool.TrustBuiltin, Risk: tool.RiskRead}
	builtinWrite := tool.Tool{Trust: tool.TrustBuiltin, Risk: tool.RiskWrite}
	mcpTool := tool.Tool{Trust: tool.TrustUnsandboxed, Risk: tool.RiskOpen,
		Annotations: &tool.Annotations{ReadOnlyHint: true}}
	mcpRead := tool.Tool{Trust: tool.TrustUnsandboxed, Risk: tool.RiskRead}
	tests := []struct {
		name               string
		t                  tool.Tool
		always, conv, want bool
	}{
		{"read-only built-in never asks", builtinRead, false, false, false},
		{"writing built-in asks", builtinWrite, false, false, true},
		{"writing built-in, conversation grant", builtinWrite, false, true, false},
		{"writing built-in, always grant", builtinWrite, true, false, false},
		{"MCP tool claiming read-only asks", mcpTool, false, false, true},
		{"MCP tool ignores a conversation grant", mcpTool, false, true, true},
		{"MCP tool, always grant", mcpTool, true, false, false},
		{"a read tool that is not a built-in asks", mcpRead, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tool.Policy(tt.t, tt.always, tt.conv); got != tt.want {
				t.Errorf("Policy = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCallScopes(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		risk      tool.Risk
		scope     tool.Scope
		wantAsked int32 // over three calls in conversation 1 and one in conversation 2
	}{
		{"once asks every time", tool.RiskWrite, tool.ScopeOnce, 4},
		{"conversation asks once per conversation", tool.RiskWrite, tool.ScopeConversation, 2},
		{"always asks once", tool.RiskWrite, tool.ScopeAlways, 1},
		{"open-world ignores a conversation scope", tool.RiskOpen, tool.ScopeConversation, 4},
		{"open-world, always", tool.RiskOpen, tool.ScopeAlways, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &fake{source: "mcp:s", tools: []tool.Tool{{Name: "w", Trust: tool.TrustUnsandboxed, Risk: tt.risk}}}
			r := tool.New(&tool.MemStore{}, p)
			ask := &counter{scope: tt.scope, allow: true}
			for _, conv := range []int64{1, 1, 1, 2} {
				if _, err := r.Call(ctx, tool.Call{Source: "mcp:s", Name: "w", Conversation: conv}, ask); err != nil {
					t.Fatal(err)
				}
			}
			if ask.n.Load() != tt.wantAsked || p.calls.Load() != 4 {
				t.Errorf("asked %d times, want %d; ran %d times", ask.n.Load(), tt.wantAsked, p.calls.Load())
			}
		})
	}
}

func TestCallRefusals(t *testing.T) {
	ctx := context.Background()
	p := &fake{source: "mcp:s", tools: []tool.Tool{
		{Name: "ok", Trust: tool.TrustUnsandboxed, Risk: tool.RiskOpen},
		{Name: "changed", Trust: tool.TrustUnsandboxed, Risk: tool.RiskOpen, Blocked: true},
	}}
	st := &tool.MemStore{}
	r := tool.New(st, p)
	yes := &counter{scope: tool.ScopeAlways, allow: true}
	if _, err := r.Call(ctx, tool.Call{Source: "mcp:s", Name: "changed"}, yes); !errors.Is(err, tool.ErrBlocked) || yes.n.Load() != 0 {
		t.Errorf("blocked tool: %v, asked %d", err, yes.n.Load())
	}
	no := &counter{allow: false}
	if _, err := r.Call(ctx, tool.Call{Source: "mcp:s", Name: "ok"}, no); !errors.Is(err, tool.ErrDenied) {
		t.Errorf("denied: %v", err)
	}
	if _, err := r.Call(ctx, tool.Call{Source: "mcp:s", Name: "ok"}, nil); !errors.Is(err, tool.ErrDenied) {
		t.Errorf("no approver: %v", err)
	}
	if _, err := r.Call(ctx, tool.Call{Source: "mcp:s", Name: "ok", Args: json.RawMessage(`[1]`)}, yes); err == nil {
		t.Error("arguments that are not an object were accepted")
	}
	for _, c := range []tool.Call{{Source: "mcp:s", Name: "nope"}, {Source: "mcp:t", Name: "ok"}} {
		if _, err := r.Call(ctx, c, yes); !errors.Is(err, tool.ErrNotFound) {
			t.Errorf("%+v: %v", c, err)
		}
	}
	if p.calls.Load() != 0 {
		t.Errorf("a refused call ran %d times", p.calls.Load())
	}
	// Refusals of a tool that exists are audited, unapproved and refused
	// (arguments that are not an object included); calls of a tool that
	// does not exist never reached one.
	log, _ := r.Audit(ctx)
	if len(log) != 4 {
		t.Fatalf("audit log of refusals = %+v", log)
	}
	for i, want := range []string{"changed since you accepted", "not approved", "not approved", "must be a JSON object"} {
		if log[i].ApprovedBy != "" || !log[i].Refused || !strings.Contains(log[i].Error, want) {
			t.Errorf("audit entry %d = %+v, want an unapproved %q", i, log[i], want)
		}
	}
}

// TestAudit makes 2005 calls: the log keeps the newest pages of 100 (1905
// entries, the oldest dropped a page at a time) and cuts long arguments.
func TestAudit(t *testing.T) {
	ctx := context.Background()
	p := &fake{source: "hearth", tools: []tool.Tool{{Name: "read", Trust: tool.TrustBuiltin, Risk: tool.RiskRead}}}
	r := tool.New(&tool.MemStore{}, p)
	big := fmt.Sprintf(`{"q":"%s"}`, strings.Repeat("x", 100<<10))
	for i := range 2005 {
		args := fmt.Sprintf(`{"i":%d}`, i)
		if i == 2004 {
			args = big
		}
		if _, err := r.Call(ctx, tool.Call{Source: "hearth", Name: "read", Args: json.RawMessage(args), Conversation: 7}, nil); err != nil {
			t.Fatal(err)
		}
	}
	log, err := r.Audit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1905 || string(log[0].Args) != `{"i":100}` {
		t.Fatalf("kept %d entries, first %s", len(log), log[0].Args)
	}
	last := log[len(log)-1]
	if last.ArgsSize != len(big) || len(last.Args) > 20<<10 || last.ApprovedBy != "policy: read-only built-in" ||
		last.Conversation != 7 || last.ResultSize != len(big) || last.Tool != "read" || last.Source != "hearth" {
		t.Fatalf("last entry = %+v", last)
	}
}

// FuzzModelNames: whatever names servers choose, the names offered to a
// model are unique (ignoring case), at most 64 bytes of [A-Za-z0-9_-].
func FuzzModelNames(f *testing.F) {
	f.Add("search", "mcp:a", "a__search", "x.y")
	f.Add("", "mcp:", "__", "ü/ü")
	f.Fuzz(func(t *testing.T, n1, src, n2, n3 string) {
		a := &fake{source: "hearth", tools: []tool.Tool{{Name: n1}, {Name: n2}}}
		b := &fake{source: src, tools: []tool.Tool{{Name: n1}, {Name: n2}, {Name: n3}, {Name: n3}}}
		ts, _ := tool.New(&tool.MemStore{}, a, b).List(context.Background())
		seen := map[string]bool{}
		for _, tl := range ts {
			low := strings.ToLower(tl.ModelName)
			if seen[low] || tl.ModelName == "" || len(tl.ModelName) > 64 {
				t.Fatalf("bad or repeated model name %q in %+v", tl.ModelName, ts)
			}
			seen[low] = true
			for _, r := range tl.ModelName {
				if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
					t.Fatalf("model name %q has %q", tl.ModelName, r)
				}
			}
		}
	})
}
