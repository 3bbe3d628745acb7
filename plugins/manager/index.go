package manager

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hearth-app/hearth/plugins/registry"
)

// RegistrySettings are the registry the user chose and what Hearth last
// verified of it.
type RegistrySettings struct {
	URL        string    `json:"url"`
	PublicKey  string    `json:"public_key"`
	LastSerial uint64    `json:"last_serial,omitempty"`
	LastSHA256 string    `json:"last_sha256,omitempty"`
	Refreshed  time.Time `json:"refreshed,omitzero"`
	// Index is the last index that verified, kept to say what is offered.
	Index []byte `json:"index,omitempty"`
}

// Registry returns the registry settings; URL is empty when none was set.
func (m *Manager) Registry(ctx context.Context) (RegistrySettings, error) {
	var s RegistrySettings
	return s, getJSON(ctx, m.st, keyRegistry, &s)
}

// SetRegistry chooses the registry at url, whose index is signed by
// publicKey (a minisign public key). A new URL or key starts the serial
// count again.
func (m *Manager) SetRegistry(ctx context.Context, url, publicKey string) error {
	if err := checkURL(url); err != nil {
		return err
	}
	if publicKey == "" {
		return fmt.Errorf("the registry needs its public key (--key)")
	}
	old, err := m.Registry(ctx)
	if err != nil {
		return err
	}
	s := RegistrySettings{URL: url, PublicKey: publicKey}
	if old.URL == url && old.PublicKey == publicKey {
		s = old
	}
	return putJSON(ctx, m.st, keyRegistry, s)
}

// RefreshReport says what a refresh changed.
type RefreshReport struct {
	Serial  uint64    `json:"serial"`
	Expires time.Time `json:"expires"`
	// Revoked are the installed plugins disabled because their version was
	// revoked.
	Revoked []string `json:"revoked"`
	// Yanked are installed plugins whose version is no longer offered.
	Yanked []string `json:"yanked"`
}

// Refresh fetches the registry index and verifies it against what was
// verified before (signature, expiry, serial). It fails closed: an index
// that does not verify changes nothing. Then every installed plugin whose
// version is revoked is disabled, with the reason kept to show.
func (m *Manager) Refresh(ctx context.Context) (RefreshReport, error) {
	ix, err := m.fetchIndex(ctx)
	if err != nil {
		return RefreshReport{}, err
	}
	return m.applyIndex(ctx, ix)
}

// fetchIndex fetches, verifies and stores the registry index.
func (m *Manager) fetchIndex(ctx context.Context) (*registry.Index, error) {
	s, err := m.Registry(ctx)
	if err != nil {
		return nil, err
	}
	if s.URL == "" {
		return nil, fmt.Errorf("no registry is set (hearth plugins registry set URL --key PUBKEY)")
	}
	raw, sig, err := registry.Fetch(ctx, m.opts.HTTPClient, s.URL)
	if err != nil {
		return nil, err
	}
	trust := registry.Trust{PublicKey: s.PublicKey, LastSerial: s.LastSerial, LastSHA256: s.LastSHA256}
	ix, err := registry.Verify(raw, sig, trust, m.opts.Now())
	if err != nil {
		return nil, err
	}
	next := trust.Advance(raw, ix)
	s.LastSerial, s.LastSHA256, s.Refreshed, s.Index = next.LastSerial, next.LastSHA256, m.opts.Now().UTC(), raw
	return ix, putJSON(ctx, m.st, keyRegistry, s)
}

// applyIndex disables revoked plugins and notes yanked ones.
func (m *Manager) applyIndex(ctx context.Context, ix *registry.Index) (RefreshReport, error) {
	rep := RefreshReport{Serial: ix.Serial, Expires: ix.Expires, Revoked: []string{}, Yanked: []string{}}
	ids, err := installedIDs(ctx, m.st)
	if err != nil {
		return rep, err
	}
	for _, id := range ids {
		r, err := loadRecord(ctx, m.st, id)
		if err != nil {
			return rep, err
		}
		v := versionOf(r)
		revoked, _ := ix.Revoked(id, v)
		if revoked != "" && r.Revoked == "" {
			rep.Revoked = append(rep.Revoked, id)
		}
		y := yanked(ix, id, v)
		if y != "" {
			rep.Yanked = append(rep.Yanked, id)
		}
		if revoked == "" && y == r.Yanked {
			continue
		}
		err = m.update(ctx, id, func(r *record) error {
			if revoked != "" {
				r.Revoked, r.Enabled = revoked, false
			}
			r.Yanked = y
			return nil
		})
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// yanked returns the reason version v of id was yanked, if it was.
func yanked(ix *registry.Index, id, v string) string {
	for _, e := range ix.Plugins {
		if e.ID != id {
			continue
		}
		for _, ver := range e.Versions {
			if ver.Version == v {
				return ver.Yanked
			}
		}
	}
	return ""
}

// InstallID installs the newest offered version of the plugin id from the
// registry, after a refresh: the download must have the size and sha256
// the signed index lists, and carry the public key the index names.
func (m *Manager) InstallID(ctx context.Context, id string, a Approver) (Plugin, error) {
	ix, err := m.fetchIndex(ctx)
	if err != nil {
		return Plugin{}, err
	}
	if _, err := m.applyIndex(ctx, ix); err != nil {
		return Plugin{}, err
	}
	e, v, ok := ix.Latest(id)
	if !ok {
		return Plugin{}, fmt.Errorf("the registry offers no version of %s", id)
	}
	if v.Size <= 0 || v.Size > m.opts.MaxZip {
		return Plugin{}, fmt.Errorf("the registry lists %s %s with a size Hearth will not download", id, v.Version)
	}
	zip, err := m.download(ctx, v.URL, v.Size+1) // one byte more tells a longer file
	if err != nil {
		return Plugin{}, err
	}
	sum := sha256.Sum256(zip)
	if int64(len(zip)) != v.Size || hex.EncodeToString(sum[:]) != v.SHA256 {
		return Plugin{}, fmt.Errorf("the download of %s %s is not the file the registry lists, so it was refused", id, v.Version)
	}
	return m.install(ctx, zip, "registry", expect{id: id, key: e.PublicKey}, a)
}

// checkNotRevoked refuses a version that the last verified index revoked,
// wherever the zip comes from.
func (m *Manager) checkNotRevoked(ctx context.Context, id, version string) error {
	s, err := m.Registry(ctx)
	if err != nil || len(s.Index) == 0 {
		return err
	}
	var ix registry.Index
	if json.Unmarshal(s.Index, &ix) != nil {
		return nil // verified when it was stored; an index that no longer reads revokes nothing
	}
	if reason, ok := ix.Revoked(id, version); ok {
		return fmt.Errorf("the registry revoked %s %s (%s), so it was refused", id, version, reason)
	}
	return nil
}
