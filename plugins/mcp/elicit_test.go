package mcp_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearth-app/hearth/plugins/mcp"
)

// TestElicitation: server-everything registers its elicitation tool only
// for a client that can ask the user. Without a callback Hearth does not
// offer that capability; with one, the request reaches the callback, and
// its answer (here "decline") is what the server gets.
func TestElicitation(t *testing.T) {
	hasTool := func(m *mcp.Manager) bool {
		t.Helper()
		ps, err := m.Providers(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ts, err := ps[0].Tools(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, tl := range ts {
			if tl.Name == "trigger-elicitation-request" {
				return true
			}
		}
		return false
	}
	cmd := everything(t)

	plain, _ := newManager(t, mcp.Options{})
	if _, err := plain.Add(context.Background(), mcp.Config{Name: "everything", Command: cmd}); err != nil {
		t.Fatal(err)
	}
	if hasTool(plain) {
		t.Fatal("without an Elicitor, the client still offered elicitation")
	}

	var asked atomic.Pointer[mcp.Elicitation]
	m, st := newManager(t, mcp.Options{Elicit: func(_ context.Context, e mcp.Elicitation) (mcp.ElicitAnswer, error) {
		asked.Store(&e)
		return mcp.ElicitAnswer{Action: "decline"}, nil
	}})
	r := addServer(t, m, st, mcp.Config{Name: "everything", Command: cmd})
	if !hasTool(m) {
		t.Fatal("with an Elicitor, server-everything has no elicitation tool")
	}
	res, err := call(t, r, "mcp:everything", "trigger-elicitation-request", `{}`, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	e := asked.Load()
	if e == nil || e.Server != "everything" || e.Message == "" || !strings.Contains(string(e.Schema), `"name"`) {
		t.Fatalf("the callback saw %+v", e)
	}
	if !strings.Contains(strings.ToLower(res.Text), "decline") {
		t.Fatalf("result = %q", res.Text)
	}
}
