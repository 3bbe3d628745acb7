package mcp

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hearth-app/hearth/plugins/tool"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// Source is the tool source label of the server name.
func Source(name string) string { return tool.SourceMCPPrefix + name }

// Provider offers one server's tools to the registry.
type Provider struct {
	m    *Manager
	name string
}

var _ tool.Provider = (*Provider)(nil)

// Providers returns a provider for every server the user added. No server
// starts until its tools are listed or called.
func (m *Manager) Providers(ctx context.Context) ([]tool.Provider, error) {
	cs, err := loadConfigs(ctx, m.st)
	if err != nil {
		return nil, err
	}
	ps := make([]tool.Provider, len(cs))
	for i, c := range cs {
		ps[i] = &Provider{m: m, name: c.Name}
	}
	return ps, nil
}

// Source returns "mcp:NAME".
func (p *Provider) Source() string { return Source(p.name) }

// Tools lists the server's tools as it describes them now; a tool that
// differs from its pin, or was never accepted, is Blocked.
func (p *Provider) Tools(ctx context.Context) ([]tool.Tool, error) {
	s, err := p.m.server(ctx, p.name)
	if err != nil {
		return nil, err
	}
	now, err := s.listPins(ctx)
	if err != nil {
		return nil, err
	}
	pinned := s.pins()
	out := make([]tool.Tool, len(now))
	for i, pin := range now {
		out[i] = pin.tool(p.name)
		out[i].Blocked = !slices.ContainsFunc(pinned, func(q Pin) bool { return q.Hash == pin.Hash && q.Name == pin.Name })
	}
	return out, nil
}

// Call runs a tool after checking, against a fresh listing, that it is
// still what the user accepted.
func (p *Provider) Call(ctx context.Context, name string, args json.RawMessage) (tool.Result, error) {
	ts, err := p.Tools(ctx)
	if err != nil {
		return tool.Result{}, err
	}
	i := slices.IndexFunc(ts, func(t tool.Tool) bool { return t.Name == name })
	switch {
	case i < 0:
		return tool.Result{}, fmt.Errorf("%s has no tool %q: %w", p.Source(), name, tool.ErrNotFound)
	case ts[i].Blocked:
		return tool.Result{}, fmt.Errorf("%s %s: %w", p.Source(), name, tool.ErrBlocked)
	}
	s, err := p.m.server(ctx, p.name)
	if err != nil {
		return tool.Result{}, err
	}
	return s.call(ctx, name, args)
}

// tool returns the registry's view of a pinned tool of server.
func (p Pin) tool(server string) tool.Tool {
	return tool.Tool{Source: Source(server), Name: p.Name, Title: p.Title, Description: p.Description,
		InputSchema: p.InputSchema, OutputSchema: p.OutputSchema, Annotations: p.Annotations,
		Trust: tool.TrustUnsandboxed, Risk: tool.RiskOpen}
}

// fromSDK converts a tool as listed by the SDK.
func fromSDK(server string, t *sdk.Tool) tool.Tool {
	out := tool.Tool{Source: Source(server), Name: t.Name, Title: t.Title, Description: t.Description}
	out.InputSchema, _ = json.Marshal(t.InputSchema)
	if t.OutputSchema != nil {
		out.OutputSchema, _ = json.Marshal(t.OutputSchema)
	}
	if a := t.Annotations; a != nil {
		out.Annotations = &tool.Annotations{Title: a.Title, ReadOnlyHint: a.ReadOnlyHint,
			DestructiveHint: a.DestructiveHint, IdempotentHint: a.IdempotentHint, OpenWorldHint: a.OpenWorldHint}
	}
	return out
}
