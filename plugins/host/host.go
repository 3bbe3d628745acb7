package host

import (
	"context"
	"fmt"
	"regexp"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// APIVersion is the version of the plugin ABI this host serves (ABI.md).
const APIVersion = 1

// defaultPoolSize is the number of instances per plugin when Config.PoolSize is 0.
const defaultPoolSize = 2

// validID matches a plugin id as manifests spell it.
var validID = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,63}$`)

// Host runs plugins: one wazero runtime, shared by every plugin, with the
// WASI and hearth host modules and a compilation cache.
type Host struct {
	cfg     Config
	runtime wazero.Runtime
	cache   wazero.CompilationCache
	fetcher *fetcher
	wasi    map[string]api.FunctionDefinition

	mu      sync.Mutex
	plugins map[*Plugin]struct{}
	closed  bool
}

// New starts a host.
func New(ctx context.Context, cfg Config) (*Host, error) {
	if cfg.PoolSize <= 0 {
		cfg.PoolSize = defaultPoolSize
	}
	h := &Host{cfg: cfg, plugins: map[*Plugin]struct{}{}, fetcher: newFetcher(cfg.LoopbackFetchPort, nil)}
	var err error
	if cfg.CacheDir != "" {
		if h.cache, err = wazero.NewCompilationCacheWithDir(cfg.CacheDir); err != nil {
			return nil, fmt.Errorf("plugin host: the compilation cache in %s cannot be used: %w", cfg.CacheDir, err)
		}
	} else {
		h.cache = wazero.NewCompilationCache()
	}
	rc := wazero.NewRuntimeConfig().WithCloseOnContextDone(true).WithCompilationCache(h.cache)
	h.runtime = wazero.NewRuntimeWithConfig(ctx, rc)
	if h.wasi, err = instantiateWASI(ctx, h.runtime); err == nil {
		err = h.instantiateHostModule(ctx, h.runtime)
	}
	if err != nil {
		_ = h.runtime.Close(ctx)
		return nil, fmt.Errorf("plugin host: start: %w", err)
	}
	return h, nil
}

// instantiateWASI adds wazero's wasi_snapshot_preview1 to r and returns its
// functions by name, for Check.
func instantiateWASI(ctx context.Context, r wazero.Runtime) (map[string]api.FunctionDefinition, error) {
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, r); err != nil {
		return nil, err
	}
	return r.Module(wasi_snapshot_preview1.ModuleName).ExportedFunctionDefinitions(), nil
}

// Close stops every plugin and the runtime.
func (h *Host) Close(ctx context.Context) error {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil
	}
	h.closed = true
	plugins := make([]*Plugin, 0, len(h.plugins))
	for p := range h.plugins {
		plugins = append(plugins, p)
	}
	h.mu.Unlock()
	for _, p := range plugins {
		_ = p.Close(ctx)
	}
	err := h.runtime.Close(ctx)
	if cerr := h.cache.Close(ctx); err == nil {
		err = cerr
	}
	return err
}

func (h *Host) isClosed() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.closed
}

// forget drops a closed plugin.
func (h *Host) forget(p *Plugin) {
	h.mu.Lock()
	delete(h.plugins, p)
	h.mu.Unlock()
}

// Load compiles a plugin (from the cache when it was compiled before),
// checks it against the ABI and makes its first instance, so a module that
// cannot start fails here rather than on its first call.
func (h *Host) Load(ctx context.Context, s Spec) (*Plugin, error) {
	if !validID.MatchString(s.ID) {
		return nil, fail(ErrBadModule, nil, fmt.Sprintf("%q is not a valid plugin id", s.ID))
	}
	if h.isClosed() {
		return nil, fail(ErrClosed, nil, "the plugin host is closed")
	}
	p := &Plugin{host: h, id: s.ID, limits: effective(s.Limits), services: s.Services, pool: newPool(h.cfg.PoolSize)}
	p.SetCapabilities(s.Capabilities)
	compiled, err := h.runtime.CompileModule(ctx, s.Wasm)
	if err != nil {
		return nil, fail(ErrBadModule, err, fmt.Sprintf("the module of the plugin %s is not valid WebAssembly", s.ID))
	}
	p.compiled = compiled
	err = checkCompiled(compiled, h.wasi)
	if err == nil {
		err = checkImportKinds(s.Wasm)
	}
	if err != nil {
		_ = compiled.Close(ctx)
		return nil, fail(ErrBadModule, err, fmt.Sprintf("the plugin %s does not follow the plugin ABI: %s", s.ID, err))
	}
	if err := checkMemory(compiled, p.limits); err != nil {
		_ = compiled.Close(ctx)
		return nil, fail(ErrMemoryLimit, err, fmt.Sprintf("the plugin %s needs more memory than its %d MiB limit to start", s.ID, p.limits.MemoryMB))
	}
	if err := h.register(p); err != nil {
		_ = compiled.Close(ctx)
		return nil, err
	}
	if err := p.warm(ctx); err != nil {
		_ = p.Close(ctx)
		return nil, err
	}
	return p, nil
}

// register adds p to the plugins the host closes.
func (h *Host) register(p *Plugin) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return fail(ErrClosed, nil, "the plugin host is closed")
	}
	h.plugins[p] = struct{}{}
	return nil
}

// warm makes the plugin's first instance under its time limit.
func (p *Plugin) warm(ctx context.Context) error {
	inst, err := p.pool.acquire(ctx)
	if err != nil {
		return p.stopped(ctx, ctx, nil, err, "_initialize")
	}
	callCtx, cancel := context.WithTimeout(ctx, p.timeout())
	defer cancel()
	if inst == nil {
		inst, err = p.instantiate(callCtx)
	}
	p.pool.release(context.WithoutCancel(ctx), inst, err == nil)
	if err != nil {
		return p.stopped(ctx, callCtx, inst, err, "_initialize")
	}
	return nil
}

// effective fills the zero fields of l with the defaults.
func effective(l Limits) Limits {
	if l.MemoryMB <= 0 {
		l.MemoryMB = DefaultMemoryMB
	}
	if l.TimeoutMS <= 0 {
		l.TimeoutMS = DefaultTimeoutMS
	}
	if l.OutputKB <= 0 {
		l.OutputKB = DefaultOutputKB
	}
	l.MemoryMB = min(l.MemoryMB, 4096) // all a 32-bit memory can address
	return l
}
