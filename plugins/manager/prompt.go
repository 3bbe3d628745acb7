package manager

import (
	"context"

	"github.com/hearth-app/hearth/plugins/manifest"
)

// Prompt is what the user is shown before a plugin is installed or updated:
// everything it asks for, who signed it, and for an update what changed.
type Prompt struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Version     string `json:"version"`
	Author      string `json:"author"`
	Description string `json:"description"`
	License     string `json:"license"`
	// Capabilities are what the plugin asks for, with its reasons and,
	// for net:fetch, the hosts.
	Capabilities []manifest.Capability `json:"capabilities"`
	Tools        []ToolInfo            `json:"tools"`
	Limits       manifest.Limits       `json:"limits"`
	// KeyID is the author key's ID as minisign prints it; empty when
	// unsigned.
	KeyID string `json:"key_id,omitempty"`
	// NewKey is set on a first install (or the first signed version of a
	// plugin installed unsigned): accepting pins this key.
	NewKey bool `json:"new_key"`
	// Unsigned is set for a plugin installed under developer mode.
	Unsigned bool `json:"unsigned"`
	// Update is set when a version of the plugin is installed; FromVersion
	// is that version and Diff how the capabilities change.
	Update      bool              `json:"update"`
	FromVersion string            `json:"from_version,omitempty"`
	Diff        []manifest.Change `json:"diff,omitempty"`
	// Wider is set when the update asks for a capability or host that was
	// not granted.
	Wider bool `json:"wider"`
	// SHA256 is the zip's hash: an approver may accept exactly the zip it
	// was shown and nothing else.
	SHA256 string `json:"sha256"`
	// Size is the zip's size in bytes.
	Size int `json:"size"`
}

// ToolInfo is one tool of a plugin as its manifest describes it.
type ToolInfo struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	ReadOnly    bool   `json:"read_only,omitempty"`
	Destructive bool   `json:"destructive,omitempty"`
}

// Approver asks the user about an install. It must never be answered by a
// model or a plugin.
type Approver interface {
	Approve(ctx context.Context, p Prompt) (bool, error)
}

// ApproverFunc is a function used as an Approver.
type ApproverFunc func(ctx context.Context, p Prompt) (bool, error)

// Approve calls f.
func (f ApproverFunc) Approve(ctx context.Context, p Prompt) (bool, error) { return f(ctx, p) }

// newPrompt describes m for the user.
func newPrompt(m *manifest.Manifest) Prompt {
	return Prompt{ID: m.ID, Name: m.Name, Version: m.Version, Author: m.Author,
		Description: m.Description, License: m.License, Capabilities: m.Capabilities,
		Tools: toolInfos(m), Limits: m.Limits.Effective()}
}

// toolInfos lists the tools of m.
func toolInfos(m *manifest.Manifest) []ToolInfo {
	out := make([]ToolInfo, len(m.Tools))
	for i, t := range m.Tools {
		out[i] = ToolInfo{Name: t.Name, Description: t.Description, ReadOnly: t.ReadOnly, Destructive: t.Destructive}
	}
	return out
}
