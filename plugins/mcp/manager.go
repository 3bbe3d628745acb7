package mcp

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/hearth-app/hearth/plugins/tool"
)

// Errors callers test for.
var (
	// ErrNoServer is a server name nobody added.
	ErrNoServer = errors.New("no such MCP server")
	// ErrExists is a server name already in use.
	ErrExists = errors.New("an MCP server with this name exists")
)

// logKey is the Store key of a server's saved stderr.
func logKey(name string) string { return "mcp/log/" + name }

// Manager holds the servers the user added and their running sessions.
// Close it to stop every server.
type Manager struct {
	st   tool.Store
	opts Options
	now  func() time.Time

	mu      sync.Mutex
	servers map[string]*server
}

// NewManager returns a Manager over the sealed store st.
func NewManager(st tool.Store, opts Options) *Manager {
	return &Manager{st: st, opts: opts.withDefaults(), now: time.Now, servers: make(map[string]*server)}
}

// Servers returns the servers the user added, in the order they were added.
func (m *Manager) Servers(ctx context.Context) ([]Config, error) {
	return loadConfigs(ctx, m.st)
}

// server returns the live handle of the named server.
func (m *Manager) server(ctx context.Context, name string) (*server, error) {
	cs, err := loadConfigs(ctx, m.st)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(cs, func(c Config) bool { return c.Name == name })
	if i < 0 {
		return nil, fmt.Errorf("%q: %w", name, ErrNoServer)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.servers[name]
	if s == nil {
		s = &server{m: m, cfg: cs[i], log: newRingLog(m.opts.MaxLog)}
		m.servers[name] = s
	}
	s.setPins(cs[i].Pins)
	return s, nil
}

// Add starts the server of cfg, lists its tools and stores it with those
// tools pinned: adding a server is accepting its tools as they are now.
func (m *Manager) Add(ctx context.Context, cfg Config) ([]Pin, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cs, err := loadConfigs(ctx, m.st)
	if err != nil {
		return nil, err
	}
	if slices.ContainsFunc(cs, func(c Config) bool { return c.Name == cfg.Name }) {
		return nil, fmt.Errorf("%q: %w", cfg.Name, ErrExists)
	}
	s := &server{m: m, cfg: cfg, log: newRingLog(m.opts.MaxLog)}
	pins, err := s.listPins(ctx)
	if err != nil {
		s.stop()
		return nil, err
	}
	cfg.Pins, cfg.Added = pins, m.now().UTC()
	if err := saveConfigs(ctx, m.st, append(cs, cfg)); err != nil {
		s.stop()
		return nil, err
	}
	s.cfg = cfg
	m.mu.Lock()
	m.servers[cfg.Name] = s
	m.mu.Unlock()
	return pins, nil
}

// Remove stops the named server and forgets it, its log and its grants.
func (m *Manager) Remove(ctx context.Context, name string) error {
	cs, err := loadConfigs(ctx, m.st)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(cs, func(c Config) bool { return c.Name == name })
	if i < 0 {
		return fmt.Errorf("%q: %w", name, ErrNoServer)
	}
	m.mu.Lock()
	if s := m.servers[name]; s != nil {
		s.stop()
		delete(m.servers, name)
	}
	m.mu.Unlock()
	for _, p := range cs[i].Pins {
		if err := m.st.Delete(ctx, tool.GrantKey(Source(name), p.Name)); err != nil {
			return err
		}
	}
	if err := m.st.Delete(ctx, logKey(name)); err != nil {
		return err
	}
	return saveConfigs(ctx, m.st, slices.Delete(cs, i, i+1))
}

// Changes lists how the server's tools differ from what the user accepted.
func (m *Manager) Changes(ctx context.Context, name string) ([]Change, error) {
	s, err := m.server(ctx, name)
	if err != nil {
		return nil, err
	}
	now, err := s.listPins(ctx)
	if err != nil {
		return nil, err
	}
	return compare(s.pins(), now), nil
}

// Trust accepts the server's tools as they are now and returns what
// changed. A changed or removed tool loses its "always" grant: the user
// granted it for what it said before.
func (m *Manager) Trust(ctx context.Context, name string) ([]Change, error) {
	s, err := m.server(ctx, name)
	if err != nil {
		return nil, err
	}
	now, err := s.listPins(ctx)
	if err != nil {
		return nil, err
	}
	changes := compare(s.pins(), now)
	for _, c := range changes {
		if err := m.st.Delete(ctx, tool.GrantKey(Source(name), c.Tool)); err != nil {
			return nil, err
		}
	}
	return changes, m.setPins(ctx, s, now)
}

// setPins stores new pins for s.
func (m *Manager) setPins(ctx context.Context, s *server, pins []Pin) error {
	cs, err := loadConfigs(ctx, m.st)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(cs, func(c Config) bool { return c.Name == s.cfg.Name })
	if i < 0 {
		return fmt.Errorf("%q: %w", s.cfg.Name, ErrNoServer)
	}
	cs[i].Pins = pins
	if err := saveConfigs(ctx, m.st, cs); err != nil {
		return err
	}
	s.setPins(pins)
	return nil
}

// Log returns what the server wrote on stderr, kept bounded: the running
// server's, or what was saved when it last stopped.
func (m *Manager) Log(ctx context.Context, name string) ([]byte, error) {
	s, err := m.server(ctx, name)
	if err != nil {
		return nil, err
	}
	if b := s.log.Bytes(); len(b) > 0 {
		return b, nil
	}
	b, _, err := m.st.Get(ctx, logKey(name))
	return b, err
}

// Close stops every server and saves their logs.
func (m *Manager) Close(ctx context.Context) error {
	m.mu.Lock()
	servers := m.servers
	m.servers = make(map[string]*server)
	m.mu.Unlock()
	var errs []error
	for name, s := range servers {
		s.stop()
		if b := s.log.Bytes(); len(b) > 0 {
			errs = append(errs, m.st.Put(ctx, logKey(name), b))
		}
	}
	return errors.Join(errs...)
}
