package app

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/hearth-app/hearth/plugins/mcp"
	"github.com/hearth-app/hearth/plugins/tool"
)

// toolSet is the tool registry over an open store, with the MCP servers
// and the plugins behind it. The chat loop and the window use the
// registry's API: List or Offered for a conversation's tools,
// NeedsApproval to check a grant, Call with a context and an Approver,
// Audit for the log. Close stops the servers (and saves their logs) and
// the plugins before the store closes.
type toolSet struct {
	*tool.Registry
	mcp     *mcp.Manager
	plugins *manager.Manager
}

// openTools builds the registry: the built-ins first, then every MCP
// server the user added (none of them started yet), then every enabled
// plugin (none loaded yet). Plugins' notices go to stderr.
func openTools(ctx context.Context, st *memory.Store, opts mcp.Options, stderr io.Writer) (*toolSet, error) {
	ts := toolStore{st}
	m := mcp.NewManager(ts, opts)
	ps, err := m.Providers(ctx)
	if err != nil {
		return nil, err
	}
	pm := newPluginManager(ts, cliServices(st, stderr))
	pps, err := pm.Providers(ctx)
	if err != nil {
		return nil, err
	}
	providers := append([]tool.Provider{builtinTools{use: storeUser(st), now: time.Now}}, ps...)
	providers = append(providers, pps...)
	return &toolSet{Registry: tool.New(ts, providers...), mcp: m, plugins: pm}, nil
}

// Close stops every MCP server and plugin.
func (t *toolSet) Close(ctx context.Context) error {
	return errors.Join(t.mcp.Close(ctx), t.plugins.Close(ctx))
}

// withTools opens the store and the tools, runs fn and closes both.
func withTools(ctx context.Context, stdio IO, fn func(*toolSet) error) error {
	return withStore(ctx, stdio, func(st *memory.Store) error {
		t, err := openTools(ctx, st, mcp.Options{}, stdio.Err)
		if err != nil {
			return err
		}
		err = fn(t)
		if cerr := t.Close(context.WithoutCancel(ctx)); err == nil {
			err = cerr
		}
		return err
	})
}
