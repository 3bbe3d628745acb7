package gguf_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/quant"
)

// raw builds GGUF bytes by hand, including invalid ones.
type raw struct{ bytes.Buffer }

func (r *raw) u32(v uint32) *raw { binary.Write(&r.Buffer, binary.LittleEndian, v); return r }
func (r *raw) u64(v uint64) *raw { binary.Write(&r.Buffer, binary.LittleEndian, v); return r }
func (r *raw) str(s string) *raw { r.u64(uint64(len(s))); r.WriteString(s); return r }

// header starts a version 3 file with the given counts.
func header(nTensors, nKV uint64) *raw {
	r := &raw{}
	r.WriteString("GGUF")
	return r.u32(3).u64(nTensors).u64(nKV)
}

// tensor appends one tensor-table entry.
func (r *raw) tensor(name string, typ uint32, offset uint64, shape ...uint64) *raw {
	r.str(name).u32(uint32(len(shape)))
	for _, d := range shape {
		r.u64(d)
	}
	return r.u32(typ).u64(offset)
}

// padTo appends zeros up to a multiple of a, then n more bytes of data.
func (r *raw) padTo(a int, n int) *raw {
	for r.Len()%a != 0 {
		r.WriteByte(0)
	}
	r.Write(make([]byte, n))
	return r
}

func hostileCases() []struct {
	name string
	file []byte
	want error
	msg  string // part of the error message
	// llama is why llama.cpp's parser accepts the file, if it does.
	llama string
} {
	f32 := uint32(quant.F32)
	return []struct {
		name  string
		file  []byte
		want  error
		msg   string
		llama string
	}{
		{"empty", nil, gguf.ErrNotGGUF, "not a GGUF file", ""},
		{"bad magic", []byte("GGML\x03\x00\x00\x00"), gguf.ErrNotGGUF, "not a GGUF file", ""},
		{"version 1", append([]byte("GGUF"), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), gguf.ErrUnsupportedVersion, "version 1", ""},
		{"version 4", append([]byte("GGUF"), 4, 0, 0, 0), gguf.ErrUnsupportedVersion, "version 4", ""},
		{"big-endian", append([]byte("GGUF"), 0, 0, 0, 3), gguf.ErrUnsupportedVersion, "big-endian", ""},
		{"huge key count", header(0, 1<<62).Bytes(), gguf.ErrCorrupt, "metadata count", ""},
		{"huge tensor count", header(1<<62, 0).Bytes(), gguf.ErrCorrupt, "tensor count", ""},
		{"huge key length", header(0, 1).u64(1 << 60).u64(0).u64(0).Bytes(), gguf.ErrCorrupt, "string length 1152921504606846976", ""},
		{"huge string value", header(0, 1).str("k").u32(8).u64(1 << 60).Bytes(), gguf.ErrCorrupt, `metadata key 0 "k"`, ""},
		{"huge array", header(0, 1).str("k").u32(9).u32(4).u64(1 << 61).Bytes(), gguf.ErrCorrupt, "array of uint32 with length", ""},
		{"huge string array", header(0, 1).str("k").u32(9).u32(8).u64(1 << 61).u64(0).Bytes(), gguf.ErrCorrupt, "array of string", ""},
		{"huge string in array", header(0, 1).str("k").u32(9).u32(8).u64(1).u64(1 << 60).Bytes(), gguf.ErrCorrupt, "string 0", ""},
		{"unknown value type", header(0, 1).str("k").u32(13).u32(0).Bytes(), gguf.ErrCorrupt, "unknown value type 13", ""},
		{"unknown array type", header(0, 1).str("k").u32(9).u32(99).u64(1).Bytes(), gguf.ErrCorrupt, "array of unknown value type 99", ""},
		{"arrays nested too deep", deepArrays(40), gguf.ErrCorrupt, "nest more than", ""},
		{"duplicate key", header(0, 2).str("k").u32(4).u32(1).str("k").u32(4).u32(2).Bytes(), gguf.ErrCorrupt, `metadata key 1 "k": the key appears twice`, ""},
		{"alignment not uint32", header(0, 1).str("general.alignment").u32(10).u64(32).Bytes(), gguf.ErrCorrupt, "general.alignment must be a uint32", ""},
		{"alignment not a power of two", header(0, 1).str("general.alignment").u32(4).u32(48).Bytes(), gguf.ErrCorrupt, "power of two", ""},
		{"alignment zero", header(0, 1).str("general.alignment").u32(4).u32(0).Bytes(), gguf.ErrCorrupt, "power of two", ""},
		{"too many dimensions", header(1, 0).tensor("t", f32, 0, 1, 1, 1, 1, 1).padTo(32, 4).Bytes(), gguf.ErrCorrupt, "5 dimensions", ""},
		{"retired tensor type", header(1, 0).tensor("t", 4, 0, 8).padTo(32, 32).Bytes(), gguf.ErrCorrupt, "unknown tensor type 4", ""},
		{"unknown tensor type", header(1, 0).tensor("t", 1000, 0, 8).padTo(32, 32).Bytes(), gguf.ErrCorrupt, `tensor 0 "t": unknown tensor type 1000`, ""},
		{"unsupported tensor type", header(1, 0).tensor("t", 16, 0, 256).padTo(32, 256).Bytes(), gguf.ErrUnsupportedType, `tensor 0 "t": unsupported tensor type IQ2_XXS (type 16)`, "IQ2_XXS is a ggml type Hearth does not read"},
		{"partial block", header(1, 0).tensor("t", uint32(quant.Q4_0), 0, 31).padTo(32, 32).Bytes(), gguf.ErrCorrupt, "not a whole number", ""},
		{"element count overflow", header(1, 0).tensor("t", f32, 0, 1<<40, 1<<40).padTo(32, 32).Bytes(), gguf.ErrCorrupt, "more than 2^63 elements", "its size computation overflows to 0 bytes"},
		{"negative dimension", header(1, 0).tensor("t", f32, 0, 1<<63).padTo(32, 32).Bytes(), gguf.ErrCorrupt, "more than 2^63 elements", ""},
		{"data past the end", header(1, 0).tensor("t", f32, 0, 16).padTo(32, 32).Bytes(), gguf.ErrCorrupt, `tensor 0 "t": 64 bytes of data`, "it reads no tensor data when asked for metadata only"},
		{"offset past the end", header(1, 0).tensor("t", f32, 1<<40, 8).padTo(32, 32).Bytes(), gguf.ErrCorrupt, "run past the end", ""},
		{"offset overflow", header(1, 0).tensor("t", f32, 1<<64-32, 8).padTo(32, 32).Bytes(), gguf.ErrCorrupt, "run past the end", ""},
		{"misaligned tensor", header(1, 0).tensor("t", f32, 4, 4).padTo(32, 32).Bytes(), gguf.ErrCorrupt, "not a multiple of the alignment", ""},
		{"overlapping tensors", header(2, 0).tensor("a", f32, 0, 16).tensor("b", f32, 32, 16).padTo(32, 96).Bytes(), gguf.ErrCorrupt, `"a" and "b" overlap`, ""},
		{"duplicate tensor", header(2, 0).tensor("a", f32, 0, 8).tensor("a", f32, 32, 8).padTo(32, 64).Bytes(), gguf.ErrCorrupt, `tensor 1 "a": the name appears twice`, ""},
		{"no room for the data", header(1, 0).tensor("t", f32, 0, 0).Bytes(), gguf.ErrCorrupt, "the tensor data would start at offset 64", ""},
	}
}

// deepArrays returns a file whose one value nests arrays depth deep.
func deepArrays(depth int) []byte {
	r := header(0, 1).str("k").u32(9)
	for range depth {
		r.u32(9).u64(1)
	}
	return r.u32(4).u64(0).Bytes()
}

// TestHostileInputs checks that malformed files fail with the right sentinel
// and a specific message, without allocating more than a little memory.
func TestHostileInputs(t *testing.T) {
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			f, err := gguf.ParseBytes(tc.file)
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatalf("parsed a malformed file: %d keys, %d tensors", len(f.Keys()), len(f.Tensors()))
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
				t.Errorf("allocated %d bytes for a %d-byte file", n, len(tc.file))
			}
		})
	}
}

// TestHostileInputsRefusedByLlamaCpp checks that llama.cpp refuses the same
// files, so the table describes real format violations.
func TestHostileInputsRefusedByLlamaCpp(t *testing.T) {
	llamaref.Require(t)
	dir := t.TempDir()
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.llama != "" {
				t.Skipf("llama.cpp accepts this file: %s", tc.llama)
			}
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".gguf")
			if err := os.WriteFile(path, tc.file, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := llamaref.ReadGGUF(t, path); !errors.Is(err, llamaref.ErrGGUFRefused) {
				t.Errorf("llama.cpp accepts the file (%v)", err)
			}
		})
	}
}

// validFile returns a small valid file using every part of the format, whose
// last tensor ends exactly at the end of the file.
func validFile(t testing.TB) []byte {
	w := gguf.NewWriter()
	w.Set("general.architecture", "llama")
	w.Set("n", uint32(7))
	w.Set("f", float32(0.5))
	w.Set("tokens", []string{"a", "bc", ""})
	w.Set("ids", []int32{1, -2})
	if err := w.AddTensor("a", quant.F32, []uint64{8}, make([]byte, 32)); err != nil {
		t.Fatal(err)
	}
	if err := w.AddTensor("b", quant.Q8_0, []uint64{32, 1}, make([]byte, 34)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	return b[:len(b)-30] // drop the padding after the 34-byte tensor
}

// TestTruncated cuts a valid file at every byte and checks that each prefix
// fails cleanly, through both Parse and ParseBytes.
func TestTruncated(t *testing.T) {
	full := validFile(t)
	if _, err := gguf.ParseBytes(full); err != nil {
		t.Fatalf("the full file does not parse: %v", err)
	}
	for n := range len(full) {
		b := full[:n]
		_, err1 := gguf.ParseBytes(b)
		_, err2 := gguf.Parse(bytes.NewReader(b), int64(n))
		for _, err := range []error{err1, err2} {
			if !errors.Is(err, gguf.ErrCorrupt) && !errors.Is(err, gguf.ErrNotGGUF) {
				t.Fatalf("prefix of %d bytes: error %v, want ErrCorrupt or ErrNotGGUF", n, err)
			}
		}
	}
}

// TestOpenErrors checks the errors of Open on files that are not GGUF.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		content []byte
		want    error
	}{
		{"empty", nil, gguf.ErrNotGGUF},
		{"text", []byte("hello, world\n"), gguf.ErrNotGGUF},
		{"truncated", validFile(t)[:100], gguf.ErrCorrupt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.content, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := gguf.Open(path)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Open: %v, want %v naming the path", err, tc.want)
			}
		})
	}
	if _, err := gguf.Open(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open of a missing file: %v, want os.ErrNotExist", err)
	}
}
