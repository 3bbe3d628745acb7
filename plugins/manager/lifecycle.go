package manager

import (
	"context"
	"fmt"
	"slices"
)

// List returns the installed plugins, in the order they were installed.
func (m *Manager) List(ctx context.Context) ([]Plugin, error) {
	ids, err := installedIDs(ctx, m.st)
	if err != nil {
		return nil, err
	}
	out := make([]Plugin, 0, len(ids))
	for _, id := range ids {
		p, err := m.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// Get returns the installed plugin id.
func (m *Manager) Get(ctx context.Context, id string) (Plugin, error) {
	r, err := loadRecord(ctx, m.st, id)
	if err != nil {
		return Plugin{}, err
	}
	return r.view()
}

// Enable lets the plugin's tools be offered and called again. A revoked
// plugin cannot be enabled.
func (m *Manager) Enable(ctx context.Context, id string) error {
	return m.update(ctx, id, func(r *record) error {
		if r.Revoked != "" {
			return fmt.Errorf("%s cannot be enabled, since the registry revoked version %s (%s)", id, versionOf(r), r.Revoked)
		}
		r.Enabled = true
		return nil
	})
}

// Disable stops the plugin and keeps it, its grants and its secrets.
func (m *Manager) Disable(ctx context.Context, id string) error {
	return m.update(ctx, id, func(r *record) error {
		r.Enabled = false
		return nil
	})
}

// update changes the record of id with fn and stops the running plugin.
func (m *Manager) update(ctx context.Context, id string, fn func(*record) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, err := loadRecord(ctx, m.st, id)
	if err != nil {
		return err
	}
	if err := fn(r); err != nil {
		return err
	}
	r.Updated = m.opts.Now().UTC()
	if err := saveRecord(ctx, m.st, r); err != nil {
		return err
	}
	m.unloadLocked(ctx, id)
	return nil
}

// Remove stops the plugin and forgets it: its zip, its record, its tools'
// grants and its secrets.
func (m *Manager) Remove(ctx context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, err := loadRecord(ctx, m.st, id)
	if err != nil {
		return err
	}
	m.unloadLocked(ctx, id)
	if err := m.forgetGrants(ctx, r); err != nil {
		return err
	}
	for _, k := range r.Secrets {
		if err := m.st.Delete(ctx, secretKey(id, k)); err != nil {
			return err
		}
	}
	ids, err := installedIDs(ctx, m.st)
	if err != nil {
		return err
	}
	if err := putJSON(ctx, m.st, keyInstalled, slices.DeleteFunc(ids, func(s string) bool { return s == id })); err != nil {
		return err
	}
	if err := m.st.Delete(ctx, recordKey(id)); err != nil {
		return err
	}
	return m.st.Delete(ctx, r.ZipKey)
}

// versionOf is the installed version of r, or "?" when its manifest no
// longer reads.
func versionOf(r *record) string {
	if man, err := r.manifest(); err == nil {
		return man.Version
	}
	return "?"
}
