package host

import (
	"context"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// hostModule is the name plugins import the host API from.
const hostModule = "hearth"

// handler serves one host function: it gets the raw request and the
// capability the user granted (already checked), and returns the answer or
// a failure, plus a short detail for the audit log.
type handler func(ctx context.Context, c call, grant Capability) (answer any, detail string, herr *hostError)

// call is what a handler knows about the call it serves.
type call struct {
	plugin  *Plugin
	request []byte
}

// apiFunction is one function of module hearth that answers with JSON.
type apiFunction struct {
	name       string
	capability string
	serve      handler
}

// apiFunctions is the host API of ABI.md, version 1, beside log and take.
func (h *Host) apiFunctions() []apiFunction {
	return []apiFunction{
		{"memory_search", CapMemoryRead, serveMemorySearch},
		{"memory_write", CapMemoryWrite, serveMemoryWrite},
		{"net_fetch", CapNetFetch, h.serveNetFetch},
		{"llm_generate", CapLLMGenerate, serveGenerate},
		{"notify", CapNotify, serveNotify},
		{"secret_get", CapSecrets, serveSecretGet},
		{"secret_set", CapSecrets, serveSecretSet},
		{"secret_delete", CapSecrets, serveSecretDelete},
		{"files_pick", CapFilesPick, serveFilesPick},
	}
}

// i32 and i64 spell the value types of the ABI's signatures.
var (
	i32 = api.ValueTypeI32
	i64 = api.ValueTypeI64
)

// signature is a function type in the host API.
type signature struct {
	params, results []api.ValueType
}

// hostSignatures are the types of every function of module hearth, for
// Check.
func hostSignatures() map[string]signature {
	sigs := map[string]signature{
		"log":  {[]api.ValueType{i32, i32}, nil},
		"take": {[]api.ValueType{i32, i32}, []api.ValueType{i32}},
	}
	for _, f := range (&Host{}).apiFunctions() {
		sigs[f.name] = signature{[]api.ValueType{i32, i32}, []api.ValueType{i64}}
	}
	return sigs
}

// instantiateHostModule adds module hearth to the runtime.
func (h *Host) instantiateHostModule(ctx context.Context, r wazero.Runtime) error {
	b := r.NewHostModuleBuilder(hostModule)
	b.NewFunctionBuilder().WithGoModuleFunction(api.GoModuleFunc(serveLog), []api.ValueType{i32, i32}, nil).Export("log")
	b.NewFunctionBuilder().WithGoModuleFunction(api.GoModuleFunc(serveTake), []api.ValueType{i32, i32}, []api.ValueType{i32}).Export("take")
	for _, f := range h.apiFunctions() {
		b.NewFunctionBuilder().WithGoModuleFunction(h.dispatch(f), []api.ValueType{i32, i32}, []api.ValueType{i64}).Export(f.name)
	}
	_, err := b.Instantiate(ctx)
	return err
}

// dispatch wraps one API function: bounds on the request, the capability
// check at call time, the audit event and the waiting answer.
func (h *Host) dispatch(f apiFunction) api.GoModuleFunc {
	return func(ctx context.Context, mod api.Module, stack []uint64) {
		inst := instanceFrom(ctx)
		if inst == nil { // only reachable if wazero calls us outside a call
			stack[0] = packResult(statusFailed, 0)
			return
		}
		answer, herr := h.serve(ctx, inst, mod, f, uint32(stack[0]), uint32(stack[1]))
		status, data := encodeAnswer(answer, herr)
		inst.pending = data
		stack[0] = packResult(status, len(data))
	}
}

// serve checks the grant, reads the request, runs the handler and audits
// the call once, allowed or denied.
func (h *Host) serve(ctx context.Context, inst *instance, mod api.Module, f apiFunction, ptr, n uint32) (any, *hostError) {
	p := inst.plugin
	event := Event{Plugin: p.id, Function: f.name, Capability: f.capability, Time: time.Now()}
	grant, ok := p.granted(f.capability)
	if !ok {
		event.Detail = "not granted"
		h.audit(event)
		return nil, denied("the plugin " + p.id + " was not granted " + f.capability)
	}
	answer, detail, herr := h.serveGranted(ctx, p, mod, f, grant, ptr, n)
	event.Allowed = herr == nil || herr.Code != codePermissionDenied
	event.Detail = detail
	h.audit(event)
	return answer, herr
}

// serveGranted copies the request out of the plugin's memory, within
// bounds, and runs the handler.
func (h *Host) serveGranted(ctx context.Context, p *Plugin, mod api.Module, f apiFunction, grant Capability, ptr, n uint32) (any, string, *hostError) {
	if n > requestLimit {
		return nil, "request over 1 MiB", tooLarge("the request is larger than 1 MiB")
	}
	view, ok := mod.Memory().Read(ptr, n)
	if !ok {
		return nil, "request outside memory", invalid("the request lies outside the plugin's memory")
	}
	return f.serve(ctx, call{plugin: p, request: append([]byte(nil), view...)}, grant)
}

func (h *Host) audit(e Event) {
	if h.cfg.Audit != nil {
		h.cfg.Audit(e)
	}
}

// serveTake copies the waiting answer to the plugin's buffer and forgets it.
func serveTake(ctx context.Context, mod api.Module, stack []uint64) {
	inst := instanceFrom(ctx)
	if inst == nil {
		stack[0] = 0
		return
	}
	data := inst.pending
	inst.pending = nil
	n := min(uint32(len(data)), uint32(stack[1]))
	if !mod.Memory().Write(uint32(stack[0]), data[:n]) {
		stack[0] = 0
		return
	}
	stack[0] = uint64(n)
}

// serveLog appends a line of the plugin's text to its bounded log. Text
// outside the plugin's memory is dropped; a line longer than the log keeps
// its end.
func serveLog(ctx context.Context, mod api.Module, stack []uint64) {
	inst := instanceFrom(ctx)
	ptr, n := uint32(stack[0]), uint32(stack[1])
	if inst == nil {
		return
	}
	if uint64(ptr)+uint64(n) > uint64(mod.Memory().Size()) {
		return
	}
	if n > logLimit {
		ptr, n = ptr+n-logLimit, logLimit
	}
	text, ok := mod.Memory().Read(ptr, n)
	if !ok {
		return
	}
	line := make([]byte, 0, len(text)+1)
	line = append(append(line, text...), '\n')
	_, _ = inst.plugin.log.Write(line)
}
