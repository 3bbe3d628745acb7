package manager

import (
	"context"
	"encoding/json"

	"github.com/hearth-app/hearth/plugins/manifest"
	"github.com/hearth-app/hearth/plugins/tool"
)

// Source is the tool source label of the plugin id.
func Source(id string) string { return tool.SourcePlugin + id }

// Provider offers one plugin's tools to the tool registry.
type Provider struct {
	m  *Manager
	id string
}

var _ tool.Provider = (*Provider)(nil)

// Providers returns a provider for every enabled plugin that is not
// revoked, in install order. No plugin loads until a tool is called.
func (m *Manager) Providers(ctx context.Context) ([]tool.Provider, error) {
	ps, err := m.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []tool.Provider
	for _, p := range ps {
		if p.Enabled && p.Revoked == "" {
			out = append(out, &Provider{m: m, id: p.ID})
		}
	}
	return out, nil
}

// Source returns "plugin:ID".
func (p *Provider) Source() string { return Source(p.id) }

// Tools lists the plugin's tools from its accepted manifest; none when it
// was disabled or revoked since.
func (p *Provider) Tools(ctx context.Context) ([]tool.Tool, error) {
	r, err := loadRecord(ctx, p.m.st, p.id)
	if err != nil {
		return nil, err
	}
	if !r.Enabled || r.Revoked != "" {
		return nil, nil
	}
	man, err := r.manifest()
	if err != nil {
		return nil, err
	}
	out := make([]tool.Tool, len(man.Tools))
	for i, t := range man.Tools {
		out[i] = tool.Tool{Source: p.Source(), Name: t.Name, Description: t.Description,
			InputSchema: t.InputSchema, Annotations: annotations(t), Trust: tool.TrustSandboxed,
			Risk: Risk(t, r.Granted)}
		if r.Unsigned {
			out[i].Title = t.Name + " (" + UnsignedLabel + ")"
		}
	}
	return out, nil
}

// Call runs the tool through the manager.
func (p *Provider) Call(ctx context.Context, name string, args json.RawMessage) (tool.Result, error) {
	return p.m.Call(ctx, p.id, name, args)
}

// Risk judges a plugin tool from its manifest: a tool that may destroy
// something, or any tool of a plugin that can reach the network, is
// RiskOpen whatever else it says; otherwise a read-only tool is RiskRead
// and any other RiskWrite.
func Risk(t manifest.Tool, granted []manifest.Capability) tool.Risk {
	for _, c := range granted {
		if c.Name == manifest.CapNetFetch {
			return tool.RiskOpen
		}
	}
	switch {
	case t.Destructive:
		return tool.RiskOpen
	case t.ReadOnly:
		return tool.RiskRead
	}
	return tool.RiskWrite
}

// annotations shows the manifest's hints in the MCP shape (displayed only).
func annotations(t manifest.Tool) *tool.Annotations {
	if !t.ReadOnly && !t.Destructive {
		return nil
	}
	a := &tool.Annotations{ReadOnlyHint: t.ReadOnly}
	if t.Destructive {
		d := true
		a.DestructiveHint = &d
	}
	return a
}
