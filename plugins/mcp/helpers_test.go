package mcp_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/plugins/mcp"
	"github.com/hearth-app/hearth/plugins/tool"
)

// serversDir is where `make reference` installs the real MCP servers.
func serversDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("testdata/servers")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// nodeServer returns the command line that runs an npm-installed MCP
// server's entry script with node; it skips (or fails, under
// HEARTH_REQUIRE_REFERENCE=1) when the servers are not installed.
func nodeServer(t *testing.T, pkg, script string) []string {
	t.Helper()
	entry := filepath.Join(serversDir(t), "node_modules", "@modelcontextprotocol", pkg, script)
	_, statErr := os.Stat(entry)
	_, nodeErr := exec.LookPath("node")
	if statErr != nil || nodeErr != nil {
		if os.Getenv("HEARTH_REQUIRE_REFERENCE") != "" {
			t.Fatalf("MCP test servers not installed in %s: run `make reference`", serversDir(t))
		}
		t.Skip("MCP test servers not installed: run `make reference`")
	}
	return []string{"node", entry}
}

// everything is the command of @modelcontextprotocol/server-everything.
func everything(t *testing.T) []string {
	return nodeServer(t, "server-everything", "dist/index.js")
}

// newManager returns a Manager over an in-memory store, closed with t.
func newManager(t *testing.T, opts mcp.Options) (*mcp.Manager, *tool.MemStore) {
	t.Helper()
	st := &tool.MemStore{}
	m := mcp.NewManager(st, opts)
	t.Cleanup(func() { m.Close(context.Background()) })
	return m, st
}

// addServer adds a server and returns a registry over the manager's
// providers.
func addServer(t *testing.T, m *mcp.Manager, st tool.Store, cfg mcp.Config) *tool.Registry {
	t.Helper()
	ctx := context.Background()
	if _, err := m.Add(ctx, cfg); err != nil {
		t.Fatalf("add %s: %v", cfg.Name, err)
	}
	ps, err := m.Providers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return tool.New(st, ps...)
}

// allowOnce approves every request once, as the user would.
var allowOnce = tool.ApproverFunc(func(context.Context, tool.Request) (tool.Decision, error) {
	return tool.Decision{Allow: true, Scope: tool.ScopeOnce, By: "test"}, nil
})

// call runs one tool through the registry with a time limit.
func call(t *testing.T, r *tool.Registry, source, name, args string, limit time.Duration) (tool.Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	return r.Call(ctx, tool.Call{Source: source, Name: name, Args: json.RawMessage(args)}, allowOnce)
}

// oneSentence fails unless err is one line.
func oneSentence(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error is not one line: %q", err)
	}
}
