package manager

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/host"
	"github.com/hearth-app/hearth/plugins/manifest"
	"github.com/hearth-app/hearth/plugins/tool"
)

// candidate is a zip that passed every check before the user is asked.
type candidate struct {
	b      *bundle.Bundle
	zip    []byte
	keyID  string
	old    *record // nil on a first install
	prompt Prompt
}

// Inspect runs every check an install runs and returns what the user
// would be asked, installing nothing.
func (m *Manager) Inspect(ctx context.Context, zip []byte) (Prompt, error) {
	c, err := m.check(ctx, zip)
	if err != nil {
		return Prompt{}, err
	}
	return c.prompt, nil
}

// Install checks the plugin zip, asks a and installs it, or updates the
// installed version. A refused or failed install leaves the version
// installed before it as it was.
func (m *Manager) Install(ctx context.Context, zip []byte, a Approver) (Plugin, error) {
	return m.install(ctx, zip, "file", expect{}, a)
}

// expect is what a registry's index says a download must be.
type expect struct{ id, key string }

// install is Install from origin; the bundle must match want where it is
// set.
func (m *Manager) install(ctx context.Context, zip []byte, origin string, want expect, a Approver) (Plugin, error) {
	m.installing.Lock() // one install at a time; plugins keep running while the user is asked
	defer m.installing.Unlock()
	c, err := m.check(ctx, zip)
	if err != nil {
		return Plugin{}, err
	}
	if want.id != "" && (c.prompt.ID != want.id || c.b.Manifest.PublicKey != want.key) {
		return Plugin{}, fmt.Errorf("the download for %s is not the plugin or not signed by the key the registry lists, so it was refused", want.id)
	}
	if a == nil {
		return Plugin{}, fmt.Errorf("%s: %w", c.prompt.ID, ErrDeclined)
	}
	ok, err := a.Approve(ctx, c.prompt)
	if err != nil {
		return Plugin{}, err
	}
	if !ok {
		return Plugin{}, fmt.Errorf("%s: %w", c.prompt.ID, ErrDeclined)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.stillInstalled(ctx, c); err != nil {
		return Plugin{}, err
	}
	r, err := m.store(ctx, c, origin)
	if err != nil {
		return Plugin{}, err
	}
	m.unloadLocked(ctx, r.ID)
	return r.view()
}

// check runs the checks of an install in order and builds the prompt.
func (m *Manager) check(ctx context.Context, zip []byte) (*candidate, error) {
	if int64(len(zip)) > m.opts.MaxZip {
		return nil, fmt.Errorf("the plugin is larger than %d MiB, so it was refused", m.opts.MaxZip>>20)
	}
	b, err := bundle.Read(zip, m.bundleLimits())
	if err != nil {
		return nil, err
	}
	c := &candidate{b: b, zip: zip}
	if err := m.checkSignature(ctx, c); err != nil {
		return nil, err
	}
	if err := m.checkVersions(b.Manifest); err != nil {
		return nil, err
	}
	if err := m.checkNotRevoked(ctx, b.Manifest.ID, b.Manifest.Version); err != nil {
		return nil, err
	}
	if err := host.Check(ctx, b.Wasm()); err != nil {
		return nil, err
	}
	if err := m.checkPinned(ctx, c); err != nil {
		return nil, err
	}
	return c, m.describe(c)
}

// checkSignature verifies a signed bundle, and lets an unsigned one
// through only in developer mode.
func (m *Manager) checkSignature(ctx context.Context, c *candidate) error {
	if !c.b.Signed() {
		dev, err := m.DevMode(ctx)
		if err != nil {
			return err
		}
		if !dev {
			return fmt.Errorf("%s: %w", c.b.Manifest.ID, ErrUnsigned)
		}
		return nil
	}
	id, err := c.b.Verify()
	c.keyID = id
	return err
}

// checkVersions refuses a plugin built for another API or a newer Hearth.
func (m *Manager) checkVersions(man *manifest.Manifest) error {
	if man.APIVersion != manifest.APIVersion {
		return fmt.Errorf("%s is built for plugin API version %d, and this Hearth runs version %d", man.ID, man.APIVersion, manifest.APIVersion)
	}
	if !newEnough(m.opts.Version, man.MinHearth) {
		return fmt.Errorf("%s needs Hearth %s or newer, and this is %s: %w", man.ID, man.MinHearth, m.opts.Version, ErrTooNew)
	}
	return nil
}

// checkPinned loads the installed version, if any, and refuses an update
// whose key is not the pinned one.
func (m *Manager) checkPinned(ctx context.Context, c *candidate) error {
	old, err := loadRecord(ctx, m.st, c.b.Manifest.ID)
	switch {
	case errors.Is(err, ErrNotInstalled):
		return nil
	case err != nil:
		return err
	}
	c.old = old
	if old.PublicKey != "" && (!c.b.Signed() || c.b.Manifest.PublicKey != old.PublicKey) {
		return fmt.Errorf("%s %s: %w", c.b.Manifest.ID, c.b.Manifest.Version, ErrKeyChanged)
	}
	return nil
}

// describe fills in the prompt of c.
func (m *Manager) describe(c *candidate) error {
	man := c.b.Manifest
	p := newPrompt(man)
	p.KeyID, p.Unsigned, p.SHA256, p.Size = c.keyID, !c.b.Signed(), c.b.SHA256, len(c.zip)
	p.NewKey = c.b.Signed() && (c.old == nil || c.old.PublicKey == "")
	if c.old != nil {
		oldMan, err := c.old.manifest()
		if err != nil {
			return err
		}
		oldMan.Capabilities = c.old.Granted
		p.Update, p.FromVersion = true, oldMan.Version
		p.Diff, p.Wider = manifest.Diff(oldMan, man), man.Wider(oldMan)
	}
	c.prompt = p
	return nil
}

// stillInstalled refuses to store c when the version it was checked
// against changed while the user was asked (removed, or updated by
// another install).
func (m *Manager) stillInstalled(ctx context.Context, c *candidate) error {
	now, err := loadRecord(ctx, m.st, c.b.Manifest.ID)
	switch {
	case errors.Is(err, ErrNotInstalled) && c.old == nil:
		return nil
	case err != nil && !errors.Is(err, ErrNotInstalled):
		return err
	case c.old != nil && now != nil && now.SHA256 == c.old.SHA256:
		c.old = now // enabled, revoked and secrets as they are now
		return nil
	}
	return fmt.Errorf("%s changed while you were asked; install it again", c.b.Manifest.ID)
}

// store keeps the accepted zip and its record; the previous version's zip
// goes only once the new record is stored.
func (m *Manager) store(ctx context.Context, c *candidate, origin string) (*record, error) {
	man, now := c.b.Manifest, m.opts.Now().UTC()
	r := &record{ID: man.ID, Manifest: c.b.ManifestBytes, Enabled: true, Unsigned: !c.b.Signed(),
		Granted: man.Capabilities, Origin: origin, Installed: now, Updated: now,
		ZipKey: zipKey(man.ID, c.b.SHA256), SHA256: c.b.SHA256, Size: len(c.zip)}
	if c.b.Signed() {
		r.KeyID, r.PublicKey = c.keyID, man.PublicKey
	}
	if c.old != nil {
		r.Installed, r.Secrets = c.old.Installed, c.old.Secrets
	}
	if err := m.st.Put(ctx, r.ZipKey, c.zip); err != nil {
		return nil, err
	}
	if err := saveRecord(ctx, m.st, r); err != nil {
		return nil, err
	}
	if c.prompt.Wider {
		if err := m.forgetGrants(ctx, c.old); err != nil {
			return nil, err
		}
	}
	if c.old != nil && c.old.ZipKey != r.ZipKey {
		if err := m.st.Delete(ctx, c.old.ZipKey); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// forgetGrants deletes the "always" grants of the tools of r: the user
// granted them for what the plugin could do before.
func (m *Manager) forgetGrants(ctx context.Context, r *record) error {
	man, err := r.manifest()
	if err != nil {
		return nil // a manifest that no longer reads has no tools to forget
	}
	for _, t := range man.Tools {
		if err := m.st.Delete(ctx, tool.GrantKey(Source(r.ID), t.Name)); err != nil {
			return err
		}
	}
	return nil
}
