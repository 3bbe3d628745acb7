package host

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
)

// Internal causes behind the sentences a call fails with.
var (
	errWrongVersion   = errors.New("wrong ABI version")
	errOutputTooLarge = errors.New("response over the output limit")
	errOutsideMemory  = errors.New("pointer outside linear memory")
	errAllocFailed    = errors.New("hearth_alloc returned 0")
)

// Plugin is one loaded plugin: its compiled module, its grants, its limits
// and a small pool of instances. Its methods are safe for concurrent use.
type Plugin struct {
	host     *Host
	id       string
	compiled wazero.CompiledModule
	limits   Limits
	services Services
	grants   atomic.Pointer[[]Capability]
	log      boundedLog
	pool     *pool
	closed   atomic.Bool
}

// SetCapabilities replaces what the user granted. It takes effect for the
// next host-function call, also in a call that is running.
func (p *Plugin) SetCapabilities(cs []Capability) {
	grants := make([]Capability, len(cs))
	for i, c := range cs {
		grants[i] = Capability{Name: c.Name, Hosts: append([]string(nil), c.Hosts...)}
	}
	p.grants.Store(&grants)
}

// granted returns the grant of capability name; "" needs no grant.
func (p *Plugin) granted(name string) (Capability, bool) {
	if name == "" {
		return Capability{}, true
	}
	for _, c := range *p.grants.Load() {
		if c.Name == name {
			return c, true
		}
	}
	return Capability{}, false
}

// ID returns the plugin's id.
func (p *Plugin) ID() string { return p.id }

// Log returns the end of what the plugin wrote to stdout, stderr and
// hearth.log (at most 64 KiB).
func (p *Plugin) Log() string { return p.log.String() }

// Close stops the plugin and frees its instances and compiled code.
func (p *Plugin) Close(ctx context.Context) error {
	if p.closed.Swap(true) {
		return nil
	}
	p.pool.close(ctx)
	p.host.forget(p)
	return p.compiled.Close(ctx)
}

// Call runs one tool with its JSON arguments under the plugin's limits. A
// failure is one sentence that matches one of the package's errors (or the
// context's, when ctx ended first); the instance that failed is thrown
// away and the next call gets a fresh one.
func (p *Plugin) Call(ctx context.Context, tool string, args json.RawMessage) (Result, error) {
	if p.closed.Load() {
		return Result{}, fail(ErrClosed, nil, fmt.Sprintf("the plugin %s is closed", p.id))
	}
	if len(args) == 0 {
		args = json.RawMessage("{}")
	}
	if len(args) > requestLimit || len(tool) > requestLimit {
		return Result{}, fail(ErrInvalidCall, nil, fmt.Sprintf("the arguments for %s are larger than 1 MiB", p.id))
	}
	if !jsonObject(args) {
		return Result{}, fail(ErrInvalidCall, nil, fmt.Sprintf("the arguments for %s are not a JSON object", p.id))
	}
	inst, err := p.pool.acquire(ctx)
	if err != nil {
		return Result{}, p.stopped(ctx, ctx, nil, err, tool)
	}
	callCtx, cancel := context.WithTimeout(ctx, p.timeout())
	defer cancel()
	if inst == nil {
		inst, err = p.instantiate(callCtx)
	}
	var raw []byte
	if err == nil {
		raw, err = inst.run(callCtx, tool, args, p.limits.OutputKB<<10)
	}
	var res Result
	if err == nil {
		res, err = decodeResponse(raw)
	}
	p.pool.release(context.WithoutCancel(ctx), inst, err == nil)
	if err != nil {
		return Result{}, p.stopped(ctx, callCtx, inst, err, tool)
	}
	return res, nil
}

// jsonObject reports whether data is one valid JSON object.
func jsonObject(data []byte) bool {
	trimmed := bytes.TrimSpace(data)
	return len(trimmed) > 0 && trimmed[0] == '{' && json.Valid(trimmed)
}
