package manager

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/hearth-app/hearth/plugins/manifest"
	"github.com/hearth-app/hearth/plugins/tool"
)

// Store keys. Every key starts with "plugins/"; a plugin's own keys with
// "plugins/ID/" (an ID never holds a "/").
const (
	keyInstalled = "plugins/installed"
	keyDevMode   = "plugins/dev-mode"
	keyRegistry  = "plugins/registry"
	keyAudit     = "plugins/audit"
)

func recordKey(id string) string { return "plugins/" + id + "/state" }

func zipKey(id, sha string) string { return "plugins/" + id + "/zip/" + sha }

// record is what the manager keeps sealed about one installed plugin.
type record struct {
	ID       string          `json:"id"`
	Manifest json.RawMessage `json:"manifest"` // plugin.json as accepted
	Enabled  bool            `json:"enabled"`
	// KeyID and PublicKey are the pinned author key; empty when unsigned.
	KeyID     string                `json:"key_id,omitempty"`
	PublicKey string                `json:"public_key,omitempty"`
	Unsigned  bool                  `json:"unsigned,omitempty"`
	Granted   []manifest.Capability `json:"granted"`
	Revoked   string                `json:"revoked,omitempty"`
	Yanked    string                `json:"yanked,omitempty"`
	Origin    string                `json:"origin"`
	Installed time.Time             `json:"installed"`
	Updated   time.Time             `json:"updated"`
	ZipKey    string                `json:"zip_key"`
	SHA256    string                `json:"sha256"`
	Size      int                   `json:"size"`
	Secrets   []string              `json:"secrets,omitempty"` // the names of its secrets
}

// manifest parses the accepted manifest again.
func (r *record) manifest() (*manifest.Manifest, error) {
	m, err := manifest.Parse(r.Manifest)
	if err != nil {
		return nil, fmt.Errorf("plugin %s: its stored manifest no longer reads: %w", r.ID, err)
	}
	return m, nil
}

// view is the record as the user sees it.
func (r *record) view() (Plugin, error) {
	m, err := r.manifest()
	if err != nil {
		return Plugin{}, err
	}
	p := Plugin{ID: r.ID, Name: m.Name, Version: m.Version, Author: m.Author, Description: m.Description,
		License: m.License, Enabled: r.Enabled, Signed: !r.Unsigned, KeyID: r.KeyID,
		Capabilities: r.Granted, Tools: toolInfos(m), Revoked: r.Revoked, Yanked: r.Yanked,
		Origin: r.Origin, Installed: r.Installed, Updated: r.Updated, SHA256: r.SHA256, Size: r.Size}
	if p.Capabilities == nil {
		p.Capabilities = []manifest.Capability{}
	}
	p.Label = label(r)
	return p, nil
}

// label sums up the state of r.
func label(r *record) string {
	s := "disabled"
	switch {
	case r.Revoked != "":
		s = "revoked: " + r.Revoked
	case r.Enabled:
		s = "enabled"
	}
	if r.Unsigned {
		s += ", " + UnsignedLabel
	}
	return s
}

// installedIDs returns the IDs of the installed plugins, in install order.
func installedIDs(ctx context.Context, st tool.Store) ([]string, error) {
	var ids []string
	return ids, getJSON(ctx, st, keyInstalled, &ids)
}

// loadRecord returns the record of id, or ErrNotInstalled.
func loadRecord(ctx context.Context, st tool.Store, id string) (*record, error) {
	var r record
	b, ok, err := st.Get(ctx, recordKey(id))
	if err != nil {
		return nil, fmt.Errorf("read plugin %s: %w", id, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", id, ErrNotInstalled)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("read plugin %s: %w", id, err)
	}
	return &r, nil
}

// saveRecord stores r and lists its ID among the installed plugins.
func saveRecord(ctx context.Context, st tool.Store, r *record) error {
	if err := putJSON(ctx, st, recordKey(r.ID), r); err != nil {
		return err
	}
	ids, err := installedIDs(ctx, st)
	if err != nil || slices.Contains(ids, r.ID) {
		return err
	}
	return putJSON(ctx, st, keyInstalled, append(ids, r.ID))
}

// getJSON decodes the value under key into v; a missing key leaves v.
func getJSON(ctx context.Context, st tool.Store, key string, v any) error {
	b, ok, err := st.Get(ctx, key)
	if err != nil || !ok {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("read %s: %w", key, err)
	}
	return nil
}

// putJSON stores v under key as JSON.
func putJSON(ctx context.Context, st tool.Store, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("write %s: %w", key, err)
	}
	return st.Put(ctx, key, b)
}
