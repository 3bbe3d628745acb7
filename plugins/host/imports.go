package host

import (
	"errors"
	"fmt"
)

// wazero's CompiledModule lists imported functions and memories but not
// imported tables or globals, so this reads the import section itself to
// refuse them. It runs after wazero has validated the module, but it parses
// with bounds like any reader of untrusted bytes (see FuzzNonFunctionImports).

// errMalformedImports is an import section this reader cannot follow.
var errMalformedImports = errors.New("malformed import section")

// Import kinds of the binary format.
const (
	importFunc   = 0x00
	importTable  = 0x01
	importMemory = 0x02
	importGlobal = 0x03
	importTag    = 0x04
)

// nonFunctionImport returns the first import of wasm that is not a
// function, as "module.name", or "" when there is none.
func nonFunctionImport(wasm []byte) (string, error) {
	r := &wasmReader{data: wasm}
	if len(wasm) < 8 {
		return "", errMalformedImports
	}
	r.pos = 8 // magic and version, checked by wazero
	for r.pos < len(r.data) {
		id := r.byte()
		size := r.u32()
		if r.err != nil || size > uint32(len(r.data)-r.pos) {
			return "", errMalformedImports
		}
		if id != 2 {
			r.pos += int(size)
			continue
		}
		section := &wasmReader{data: r.data[r.pos : r.pos+int(size)]}
		return section.firstNonFunction()
	}
	return "", nil
}

// firstNonFunction walks the import entries of an import section.
func (r *wasmReader) firstNonFunction() (string, error) {
	count := r.u32()
	for i := uint32(0); i < count && r.err == nil; i++ {
		module, name := r.name(), r.name()
		kind := r.byte()
		if r.err != nil {
			break
		}
		if kind != importFunc {
			return printable(module) + "." + printable(name), nil
		}
		r.u32() // type index
	}
	if r.err != nil {
		return "", r.err
	}
	return "", nil
}

// wasmReader reads the binary format's basic values with bounds; the first
// error sticks.
type wasmReader struct {
	data []byte
	pos  int
	err  error
}

func (r *wasmReader) byte() byte {
	if r.err != nil || r.pos >= len(r.data) {
		r.err = errMalformedImports
		return 0
	}
	b := r.data[r.pos]
	r.pos++
	return b
}

// u32 reads an unsigned LEB128 of at most 5 bytes.
func (r *wasmReader) u32() uint32 {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		b := r.byte()
		v |= uint64(b&0x7f) << shift
		if b&0x80 == 0 {
			if v > 0xffffffff {
				r.err = errMalformedImports
			}
			return uint32(v)
		}
	}
	r.err = errMalformedImports
	return 0
}

func (r *wasmReader) name() string {
	n := r.u32()
	if r.err != nil || n > uint32(len(r.data)-r.pos) {
		r.err = errMalformedImports
		return ""
	}
	s := string(r.data[r.pos : r.pos+int(n)])
	r.pos += int(n)
	return s
}

// checkImportKinds refuses a module that imports a table, memory, global
// or tag: a plugin imports functions only.
func checkImportKinds(wasm []byte) error {
	name, err := nonFunctionImport(wasm)
	if err != nil {
		return fmt.Errorf("its import section cannot be read")
	}
	if name != "" {
		return fmt.Errorf("it imports %s, which is not a function; plugins import functions only", name)
	}
	return nil
}
