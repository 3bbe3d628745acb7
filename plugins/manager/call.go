package manager

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/host"
	"github.com/hearth-app/hearth/plugins/manifest"
	"github.com/hearth-app/hearth/plugins/tool"
)

// running is a loaded plugin and the zip it was loaded from.
type running struct {
	plugin *host.Plugin
	sha    string
}

// Call runs the tool of the plugin id with the JSON object args. The
// plugin must be enabled and not revoked; the call runs under its
// manifest's limits, with the capabilities the user granted.
func (m *Manager) Call(ctx context.Context, id, name string, args json.RawMessage) (tool.Result, error) {
	args, err := objectArgs(args)
	if err != nil {
		return tool.Result{}, err
	}
	p, err := m.load(ctx, id, name)
	if err != nil {
		m.audit.add(host.Event{Plugin: id, Function: "call " + name, Detail: err.Error(), Time: m.opts.Now().UTC()})
		return tool.Result{}, errors.Join(err, m.flushAudit(context.WithoutCancel(ctx)))
	}
	res, err := p.Call(ctx, name, args)
	e := host.Event{Plugin: id, Function: "call " + name, Allowed: true, Time: m.opts.Now().UTC()}
	if err != nil {
		e.Detail = err.Error()
	}
	m.audit.add(e)
	if ferr := m.flushAudit(context.WithoutCancel(ctx)); ferr != nil && err == nil {
		err = ferr
	}
	if err != nil {
		return tool.Result{}, err
	}
	return tool.Result{Text: res.Text, Structured: res.Structured, IsError: res.IsError,
		Size: len(res.Text) + len(res.Structured)}, nil
}

// load returns the running plugin id, loading it when needed, after
// checking that it may run and has the tool name.
func (m *Manager) load(ctx context.Context, id, name string) (*host.Plugin, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, err := loadRecord(ctx, m.st, id)
	if err != nil {
		return nil, err
	}
	switch {
	case r.Revoked != "":
		return nil, fmt.Errorf("%s %s (%s): %w", id, versionOf(r), r.Revoked, ErrRevoked)
	case !r.Enabled:
		return nil, fmt.Errorf("%s: %w", id, ErrDisabled)
	}
	man, err := r.manifest()
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(man.Tools, func(t manifest.Tool) bool { return t.Name == name }) {
		return nil, fmt.Errorf("%s has no tool %q: %w", Source(id), name, tool.ErrNotFound)
	}
	if run := m.running[id]; run != nil && run.sha == r.SHA256 {
		return run.plugin, nil
	}
	m.unloadLocked(ctx, id)
	p, err := m.start(ctx, r, man)
	if err != nil {
		return nil, err
	}
	m.running[id] = &running{plugin: p, sha: r.SHA256}
	return p, nil
}

// start loads the stored zip of r into the host.
func (m *Manager) start(ctx context.Context, r *record, man *manifest.Manifest) (*host.Plugin, error) {
	zip, ok, err := m.st.Get(ctx, r.ZipKey)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("the stored copy of %s is missing; install it again", r.ID)
	}
	b, err := m.readStored(zip, r)
	if err != nil {
		return nil, err
	}
	h, err := m.hostLocked(ctx)
	if err != nil {
		return nil, err
	}
	lim := man.Limits.Effective()
	return h.Load(ctx, host.Spec{ID: r.ID, Wasm: b, Capabilities: m.grants(r.Granted),
		Limits:   host.Limits{MemoryMB: lim.MemoryMB, TimeoutMS: lim.TimeoutMS, OutputKB: lim.OutputKB},
		Services: m.servicesFor(r.ID)})
}

// hostLocked returns the host, starting it on first use.
func (m *Manager) hostLocked(ctx context.Context) (*host.Host, error) {
	if m.host != nil {
		return m.host, nil
	}
	h, err := host.New(ctx, host.Config{CacheDir: m.opts.CacheDir, Audit: m.audit.add,
		LoopbackFetchPort: m.opts.LoopbackFetchPort})
	if err != nil {
		return nil, err
	}
	m.host = h
	return h, nil
}

// unloadLocked stops the running plugin id, if any.
func (m *Manager) unloadLocked(ctx context.Context, id string) {
	if run := m.running[id]; run != nil {
		_ = run.plugin.Close(ctx) // a plugin that fails to close is gone anyway
		delete(m.running, id)
	}
}

// grants converts granted capabilities for the host. With the tests'
// LoopbackFetchPort, a net:fetch grant also reaches 127.0.0.1 (a manifest
// cannot name an address, and the host lets only the port through).
func (m *Manager) grants(cs []manifest.Capability) []host.Capability {
	out := make([]host.Capability, len(cs))
	for i, c := range cs {
		out[i] = host.Capability{Name: c.Name, Hosts: c.Hosts}
		if c.Name == manifest.CapNetFetch && m.opts.LoopbackFetchPort != 0 {
			out[i].Hosts = append(slices.Clip(c.Hosts), "127.0.0.1")
		}
	}
	return out
}

// readStored reads a stored zip again (the store is sealed, but a zip is
// checked where it is used) and returns its module.
func (m *Manager) readStored(zip []byte, r *record) ([]byte, error) {
	b, err := bundle.Read(zip, m.bundleLimits())
	if err != nil {
		return nil, err
	}
	if b.SHA256 != r.SHA256 || b.Manifest.ID != r.ID {
		return nil, fmt.Errorf("the stored copy of %s is not the one you accepted; install it again", r.ID)
	}
	return b.Wasm(), nil
}

// objectArgs checks that args is a JSON object; empty means {}.
func objectArgs(args json.RawMessage) (json.RawMessage, error) {
	if len(args) == 0 {
		return json.RawMessage("{}"), nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(args, &m); err != nil || m == nil {
		return nil, errors.New("the arguments must be a JSON object")
	}
	return args, nil
}
