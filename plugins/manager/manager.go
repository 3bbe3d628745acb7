package manager

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/host"
	"github.com/hearth-app/hearth/plugins/tool"
)

// Errors callers test for. Their messages are one sentence.
var (
	// ErrNotInstalled is a plugin ID nobody installed.
	ErrNotInstalled = errors.New("no such plugin is installed")
	// ErrUnsigned is an unsigned plugin offered while developer mode is off.
	ErrUnsigned = errors.New("the plugin is not signed; unsigned plugins install only in developer mode (hearth plugins dev-mode on)")
	// ErrKeyChanged is an update signed by another key than the one pinned
	// at first install.
	ErrKeyChanged = errors.New("the update is signed by another key than the one you accepted at first install, so it was refused")
	// ErrDeclined is an install the user did not approve.
	ErrDeclined = errors.New("the install was not approved")
	// ErrDisabled is a call of a plugin that is disabled.
	ErrDisabled = errors.New("the plugin is disabled (hearth plugins enable ID)")
	// ErrRevoked is a plugin version the registry revoked.
	ErrRevoked = errors.New("the registry revoked this version of the plugin")
	// ErrTooNew is a plugin that needs a newer Hearth or plugin API.
	ErrTooNew = errors.New("the plugin needs a newer Hearth")
)

// DefaultMaxZip is the largest plugin zip the manager keeps or downloads.
const DefaultMaxZip = 32 << 20

// Options configure a Manager. The zero value works, with no services for
// plugins (every host-API call that needs one fails) and an in-memory
// compilation cache.
type Options struct {
	// Version is Hearth's version, checked against a manifest's
	// min_hearth; "dev", "" or a git-describe string that is not a plain
	// release counts as new enough.
	Version string
	// CacheDir is the host's compilation cache on disk ("" = in memory).
	CacheDir string
	// LoopbackFetchPort lets net:fetch reach http://127.0.0.1:PORT; for
	// tests only, never taken from a manifest.
	LoopbackFetchPort int
	// Services returns what the app offers the plugin id (memory, model,
	// notifications, files); the manager adds the plugin's secrets.
	Services func(id string) AppServices
	// HTTPClient downloads plugins and the registry index
	// (http.DefaultClient when nil).
	HTTPClient *http.Client
	// MaxZip caps a plugin zip (DefaultMaxZip when 0).
	MaxZip int64
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Manager holds the installed plugins and runs them. It is safe for
// concurrent use; Close it to stop every plugin.
type Manager struct {
	st   tool.Store
	opts Options

	installing sync.Mutex // one install at a time

	mu      sync.Mutex // guards host, running and every change of a record
	host    *host.Host
	running map[string]*running

	audit auditBuffer
}

// New returns a Manager over the sealed store st. No plugin is loaded until
// it is called.
func New(st tool.Store, opts Options) *Manager {
	if opts.HTTPClient == nil {
		opts.HTTPClient = http.DefaultClient
	}
	if opts.MaxZip <= 0 {
		opts.MaxZip = DefaultMaxZip
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Manager{st: st, opts: opts, running: make(map[string]*running)}
}

// bundleLimits are the zip limits of an install: the defaults, capped by
// MaxZip.
func (m *Manager) bundleLimits() bundle.Limits {
	lim := bundle.DefaultLimits()
	lim.MaxZip = min(lim.MaxZip, m.opts.MaxZip)
	return lim
}

// Close stops every loaded plugin and the host, and saves the audit log.
func (m *Manager) Close(ctx context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	var errs []error
	for id, r := range m.running {
		errs = append(errs, r.plugin.Close(ctx))
		delete(m.running, id)
	}
	if m.host != nil {
		errs = append(errs, m.host.Close(ctx))
		m.host = nil
	}
	errs = append(errs, m.flushAudit(ctx))
	return errors.Join(errs...)
}
