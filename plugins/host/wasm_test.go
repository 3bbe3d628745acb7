package host_test

// A tiny WebAssembly encoder for the tests: enough of the binary format
// (https://webassembly.github.io/spec/core/binary/) to hand-write modules
// that break the ABI in one precise way.

const (
	tI32 = 0x7f
	tI64 = 0x7e
)

// wasmImport is an imported function.
type wasmImport struct {
	module, name    string
	params, results []byte
	global          bool // an immutable i32 global instead of a function
}

// wasmFunc is a defined function; body is its code without the final end.
type wasmFunc struct {
	export          string
	params, results []byte
	body            []byte
}

// wasmModule describes a module to encode.
type wasmModule struct {
	imports   []wasmImport
	funcs     []wasmFunc
	memPages  int    // 0: no memory
	memExport string // the name the memory is exported under; "" = not exported
	data      []byte // placed at offset dataAt
	dataAt    int
}

func uleb(v uint64) []byte {
	var out []byte
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(out, b)
		}
		out = append(out, b|0x80)
	}
}

func sleb(v int64) []byte {
	var out []byte
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && b&0x40 == 0) || (v == -1 && b&0x40 != 0) {
			return append(out, b)
		}
		out = append(out, b|0x80)
	}
}

func wname(s string) []byte { return append(uleb(uint64(len(s))), s...) }

func vec(items ...[]byte) []byte {
	out := uleb(uint64(len(items)))
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

func section(id byte, content []byte) []byte {
	return append(append([]byte{id}, uleb(uint64(len(content)))...), content...)
}

func funcType(params, results []byte) []byte {
	return append(append([]byte{0x60}, append(uleb(uint64(len(params))), params...)...), append(uleb(uint64(len(results))), results...)...)
}

// i32Const and i64Const are instructions.
func i32Const(v int32) []byte { return append([]byte{0x41}, sleb(int64(v))...) }
func i64Const(v int64) []byte { return append([]byte{0x42}, sleb(v)...) }

func (m wasmModule) encode() []byte {
	out := []byte{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}
	var types, imports, funcs, exports, codes [][]byte
	funcImports := 0
	for i, im := range m.imports {
		types = append(types, funcType(im.params, im.results))
		desc := append([]byte{0x00}, uleb(uint64(i))...)
		if im.global {
			desc = []byte{0x03, tI32, 0x00}
		} else {
			funcImports++
		}
		imports = append(imports, append(append(wname(im.module), wname(im.name)...), desc...))
	}
	for i, f := range m.funcs {
		typeIdx := len(m.imports) + i
		types = append(types, funcType(f.params, f.results))
		funcs = append(funcs, uleb(uint64(typeIdx)))
		if f.export != "" {
			exports = append(exports, append(wname(f.export), append([]byte{0x00}, uleb(uint64(funcImports+i))...)...))
		}
		body := append(append([]byte{0x00}, f.body...), 0x0b)
		codes = append(codes, append(uleb(uint64(len(body))), body...))
	}
	if m.memExport != "" {
		exports = append(exports, append(wname(m.memExport), 0x02, 0x00))
	}
	out = append(out, section(1, vec(types...))...)
	if len(imports) > 0 {
		out = append(out, section(2, vec(imports...))...)
	}
	out = append(out, section(3, vec(funcs...))...)
	if m.memPages > 0 {
		out = append(out, section(5, vec(append([]byte{0x00}, uleb(uint64(m.memPages))...)))...)
	}
	out = append(out, section(7, vec(exports...))...)
	out = append(out, section(10, vec(codes...))...)
	if len(m.data) > 0 {
		seg := append(append([]byte{0x00}, i32Const(int32(m.dataAt))...), 0x0b)
		seg = append(seg, append(uleb(uint64(len(m.data))), m.data...)...)
		out = append(out, section(11, vec(seg))...)
	}
	return out
}

// minimalPlugin is a valid plugin in a few hundred bytes: its one answer,
// {"text":"hi"}, lies in a data segment at 1024, and hearth_alloc hands out
// 2048 onwards (enough for the tests' short names and arguments).
func minimalPlugin() wasmModule {
	answer := []byte(`{"text":"hi"}`)
	return wasmModule{
		memPages:  1,
		memExport: "memory",
		data:      answer,
		dataAt:    1024,
		funcs: []wasmFunc{
			{export: "hearth_api_version", results: []byte{tI32}, body: i32Const(1)},
			{export: "hearth_alloc", params: []byte{tI32}, results: []byte{tI32}, body: i32Const(2048)},
			{export: "hearth_call", params: []byte{tI32, tI32, tI32, tI32}, results: []byte{tI64}, body: i64Const(1024<<32 | int64(len(answer)))},
		},
	}
}
