package host

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// pageSize is the size of a WebAssembly memory page.
const pageSize = 64 << 10

// exportSignatures are the functions a plugin must export (ABI.md).
var exportSignatures = map[string]signature{
	"hearth_api_version": {nil, []api.ValueType{i32}},
	"hearth_alloc":       {[]api.ValueType{i32}, []api.ValueType{i32}},
	"hearth_call":        {[]api.ValueType{i32, i32, i32, i32}, []api.ValueType{i64}},
}

// Check validates a plugin's module at install time, without running it:
// it is valid WebAssembly, exports its memory and the ABI's functions with
// the right signatures, and imports only functions of module hearth and
// wasi_snapshot_preview1 that exist, with the right signatures. It returns
// one sentence matching ErrBadModule.
func Check(ctx context.Context, wasm []byte) error {
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigInterpreter())
	defer r.Close(ctx)
	wasi, err := instantiateWASI(ctx, r)
	if err != nil {
		return fmt.Errorf("plugin check: %w", err)
	}
	compiled, err := r.CompileModule(ctx, wasm)
	if err != nil {
		return fail(ErrBadModule, err, "the plugin's module is not valid WebAssembly")
	}
	if err := checkCompiled(compiled, wasi); err != nil {
		return fail(ErrBadModule, err, "the plugin's module does not follow the plugin ABI: "+err.Error())
	}
	if err := checkImportKinds(wasm); err != nil {
		return fail(ErrBadModule, err, "the plugin's module does not follow the plugin ABI: "+err.Error())
	}
	return nil
}

// checkCompiled checks the exports and imports of a compiled module. Its
// errors are phrases that finish the sentence "... does not follow the
// plugin ABI: ".
func checkCompiled(m wazero.CompiledModule, wasi map[string]api.FunctionDefinition) error {
	if _, ok := m.ExportedMemories()["memory"]; !ok {
		return errors.New("it does not export its memory as \"memory\"")
	}
	if len(m.ImportedMemories()) > 0 {
		return errors.New("it imports a memory")
	}
	exports := m.ExportedFunctions()
	for _, name := range []string{"hearth_api_version", "hearth_alloc", "hearth_call"} {
		fn, ok := exports[name]
		if !ok {
			return fmt.Errorf("it does not export %s", name)
		}
		if !exportSignatures[name].matches(fn) {
			return fmt.Errorf("its %s has the wrong signature", name)
		}
	}
	if fn, ok := exports["_initialize"]; ok && !(signature{}).matches(fn) {
		return errors.New("its _initialize has the wrong signature")
	}
	return checkImports(m.ImportedFunctions(), wasi)
}

// checkImports refuses every imported function but the host API's and
// WASI's, with their signatures.
func checkImports(imports []api.FunctionDefinition, wasi map[string]api.FunctionDefinition) error {
	host := hostSignatures()
	for _, fn := range imports {
		module, name, _ := fn.Import()
		var want signature
		var ok bool
		switch module {
		case hostModule:
			want, ok = host[name]
		case "wasi_snapshot_preview1":
			var def api.FunctionDefinition
			if def, ok = wasi[name]; ok {
				want = signature{def.ParamTypes(), def.ResultTypes()}
			}
		}
		if !ok {
			return fmt.Errorf("it imports %s.%s, which Hearth does not offer", printable(module), printable(name))
		}
		if !want.matches(fn) {
			return fmt.Errorf("it imports %s.%s with the wrong signature", module, name)
		}
	}
	return nil
}

// matches reports whether fn has this signature.
func (s signature) matches(fn api.FunctionDefinition) bool {
	return slices.Equal(s.params, fn.ParamTypes()) && slices.Equal(s.results, fn.ResultTypes())
}

// checkMemory refuses a module whose memory starts above the limit.
func checkMemory(m wazero.CompiledModule, l Limits) error {
	mem := m.ExportedMemories()["memory"]
	if uint64(mem.Min())*pageSize > uint64(l.MemoryMB)<<20 {
		return fmt.Errorf("memory minimum %d pages", mem.Min())
	}
	return nil
}

// printable quotes a name from a module for a sentence, bounded in length.
func printable(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	q := fmt.Sprintf("%q", s)
	return q[1 : len(q)-1]
}
