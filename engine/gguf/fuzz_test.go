package gguf_test

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
)

// FuzzParse feeds arbitrary bytes to Parse and ParseBytes. Both must agree,
// fail only with the package's sentinels, and, on success, describe tensors
// whose data is in the file and a file the Writer can write back identically.
func FuzzParse(f *testing.F) {
	f.Add(validFile(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		mem, err1 := gguf.ParseBytes(b)
		rd, err2 := gguf.Parse(bytes.NewReader(b), int64(len(b)))
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("ParseBytes: %v; Parse: %v", err1, err2)
		}
		if err1 != nil {
			checkSentinel(t, err1)
			return
		}
		checkParsed(t, mem, rd)
		checkRewrite(t, mem)
	})
}

func checkSentinel(t *testing.T, err error) {
	t.Helper()
	for _, s := range []error{gguf.ErrNotGGUF, gguf.ErrCorrupt, gguf.ErrUnsupportedVersion, gguf.ErrUnsupportedType} {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error %v wraps none of the sentinels", err)
}

// checkParsed checks two parses of the same bytes agree and hold together.
func checkParsed(t *testing.T, mem, rd *gguf.File) {
	t.Helper()
	if !reflect.DeepEqual(mem.Keys(), rd.Keys()) || !reflect.DeepEqual(mem.Tensors(), rd.Tensors()) {
		t.Fatal("Parse and ParseBytes disagree")
	}
	for _, k := range mem.Keys() {
		v, ok := mem.Value(k)
		if !ok || v.Type() > gguf.TypeFloat64 {
			t.Fatalf("key %q: value %v, %v", k, v, ok)
		}
		mem.String(k)
		mem.Uint(k)
		mem.Int(k)
		mem.Float(k)
		mem.Bool(k)
		mem.Strings(k)
		mem.Ints(k)
		mem.Floats(k)
	}
	for _, ti := range mem.Tensors() {
		d := mem.Data(ti)
		if uint64(len(d)) != ti.Size || !bytes.Equal(d, rd.Data(ti)) {
			t.Fatalf("tensor %q: %d bytes of data, want %d, or Parse and ParseBytes differ", ti.Name, len(d), ti.Size)
		}
		if got, ok := mem.Tensor(ti.Name); !ok || !reflect.DeepEqual(got, ti) {
			t.Fatalf("Tensor(%q) = %v, %v", ti.Name, got, ok)
		}
	}
}

// checkRewrite writes f's contents again and checks they read back the same.
func checkRewrite(t *testing.T, f *gguf.File) {
	t.Helper()
	w := gguf.NewWriter()
	for _, k := range f.Keys() {
		v, _ := f.Value(k)
		w.Set(k, v)
	}
	for _, ti := range f.Tensors() {
		if err := w.AddTensor(ti.Name, ti.Type, ti.Shape, f.Data(ti)); err != nil {
			return // names and shapes the Writer refuses to produce
		}
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	g, err := gguf.ParseBytes(buf.Bytes())
	if err != nil {
		t.Fatalf("the rewritten file does not parse: %v", err)
	}
	for _, k := range f.Keys() {
		a, _ := f.Value(k)
		b, _ := g.Value(k)
		if a.Type() != b.Type() || a.ElemType() != b.ElemType() || !reflect.DeepEqual(exact(a), exact(b)) {
			t.Fatalf("key %q: %v became %v", k, a, b)
		}
	}
	if !reflect.DeepEqual(f.Keys(), g.Keys()) || len(f.Tensors()) != len(g.Tensors()) {
		t.Fatal("the rewritten file has different keys or tensors")
	}
	for i, ti := range g.Tensors() {
		if !bytes.Equal(g.Data(ti), f.Data(f.Tensors()[i])) {
			t.Fatalf("tensor %q: data changed", ti.Name)
		}
	}
}

// exact returns v's Go value with floats replaced by their bits, so that
// DeepEqual compares NaNs and signed zeros exactly.
func exact(v gguf.Value) any {
	switch x := v.Interface().(type) {
	case float32:
		return math.Float32bits(x)
	case float64:
		return math.Float64bits(x)
	case []float32:
		return mapAll(x, func(f float32) uint32 { return math.Float32bits(f) })
	case []float64:
		return mapAll(x, func(f float64) uint64 { return math.Float64bits(f) })
	case []gguf.Value:
		return mapAll(x, exact)
	default:
		return x
	}
}
