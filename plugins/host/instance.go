package host

import (
	"context"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// instance is one instantiation of a plugin's module. It runs one call at a
// time (the pool hands it to one caller), so pending needs no lock.
type instance struct {
	plugin  *Plugin
	mod     api.Module
	alloc   api.Function
	call    api.Function
	memory  *limitedAllocator
	pending []byte // the answer a host function left for take
}

// instanceKey carries the running instance to the host functions.
type instanceKey struct{}

func withInstance(ctx context.Context, inst *instance) context.Context {
	return context.WithValue(ctx, instanceKey{}, inst)
}

func instanceFrom(ctx context.Context) *instance {
	inst, _ := ctx.Value(instanceKey{}).(*instance)
	return inst
}

// instantiate makes a fresh instance: its own linear memory under the
// plugin's limit, WASI with no files, arguments or environment, fake
// clocks, a deterministic random source and output into the plugin's log;
// then _initialize and the version check.
func (p *Plugin) instantiate(ctx context.Context) (*instance, error) {
	inst := &instance{plugin: p, memory: &limitedAllocator{limit: uint64(p.limits.MemoryMB) << 20}}
	ctx = withInstance(experimental.WithMemoryAllocator(ctx, inst.memory), inst)
	cfg := wazero.NewModuleConfig().
		WithName("").
		WithStartFunctions("_initialize").
		WithStdout(&p.log).
		WithStderr(&p.log).
		WithRandSource(newDeterministicRandom())
	mod, err := p.host.runtime.InstantiateModule(ctx, p.compiled, cfg)
	if err != nil {
		return inst, fmt.Errorf("instantiate: %w", err)
	}
	inst.mod = mod
	inst.alloc = mod.ExportedFunction("hearth_alloc")
	inst.call = mod.ExportedFunction("hearth_call")
	version, err := mod.ExportedFunction("hearth_api_version").Call(ctx)
	if err != nil {
		return inst, fmt.Errorf("hearth_api_version: %w", err)
	}
	if uint32(version[0]) != APIVersion {
		return inst, fmt.Errorf("hearth_api_version %d: %w", uint32(version[0]), errWrongVersion)
	}
	return inst, nil
}

// run calls one tool and returns its raw response, copied out of the
// instance's memory and within outputLimit bytes.
func (inst *instance) run(ctx context.Context, tool string, args []byte, outputLimit int) ([]byte, error) {
	ctx = withInstance(ctx, inst)
	defer func() { inst.pending = nil }() // an answer never taken is not kept
	inst.memory.hit.Store(false)          // a refused grow the guest survived is forgiven
	namePtr, err := inst.write(ctx, []byte(tool))
	if err != nil {
		return nil, err
	}
	argsPtr, err := inst.write(ctx, args)
	if err != nil {
		return nil, err
	}
	res, err := inst.call.Call(ctx, uint64(namePtr), uint64(len(tool)), uint64(argsPtr), uint64(len(args)))
	if err != nil {
		return nil, fmt.Errorf("hearth_call: %w", err)
	}
	ptr, n := uint32(res[0]>>32), uint32(res[0])
	if uint64(n) > uint64(outputLimit) {
		return nil, errOutputTooLarge
	}
	data, ok := inst.mod.Memory().Read(ptr, n)
	if !ok {
		return nil, errOutsideMemory
	}
	return append([]byte(nil), data...), nil
}

// write copies data into a buffer the instance allocates.
func (inst *instance) write(ctx context.Context, data []byte) (uint32, error) {
	res, err := inst.alloc.Call(ctx, uint64(len(data)))
	if err != nil {
		return 0, fmt.Errorf("hearth_alloc: %w", err)
	}
	ptr := uint32(res[0])
	if len(data) == 0 {
		return ptr, nil
	}
	if ptr == 0 {
		return 0, errAllocFailed
	}
	if !inst.mod.Memory().Write(ptr, data) {
		return 0, errOutsideMemory
	}
	return ptr, nil
}

// linearMemoryBytes is the size of the instance's memory now.
func (inst *instance) linearMemoryBytes() uint32 {
	return inst.mod.Memory().Size()
}

func (inst *instance) close(ctx context.Context) {
	if inst.mod != nil {
		_ = inst.mod.Close(ctx)
	}
}
