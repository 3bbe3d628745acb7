package gguf_test

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/quant"
)

// testFiles returns every GGUF file of the shared test data.
func testFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"models/*.gguf", "vocab/*.gguf"} {
		m, err := filepath.Glob(filepath.Join(llamaref.TestData(), pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skipf("no GGUF files under %s", llamaref.TestData())
	}
	return files
}

// TestMatchesLlamaCpp opens every GGUF of the test data and checks that it
// reads exactly what llama.cpp's own GGUF parser reads.
func TestMatchesLlamaCpp(t *testing.T) {
	llamaref.Require(t)
	for _, path := range testFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want, err := llamaref.ReadGGUF(t, path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := gguf.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			compareWithReference(t, f, want)
		})
	}
}

// TestWriterReadByLlamaCpp writes a file with every value type and every
// tensor type and checks that llama.cpp reads from it what was written.
func TestWriterReadByLlamaCpp(t *testing.T) {
	llamaref.Require(t)
	for _, align := range []uint32{0, 64} {
		t.Run(fmt.Sprintf("alignment %d", align), func(t *testing.T) {
			w := gguf.NewWriter()
			if align != 0 {
				w.Set("general.alignment", align)
			}
			for _, tc := range referenceValues {
				w.Set(tc.key, tc.value)
			}
			for i, typ := range tensorTypes {
				l, _ := quant.LayoutOf(typ)
				shape := []uint64{uint64(l.BlockSize), uint64(i + 1)}
				data := patterned(l.BlockBytes*(i+1), byte(i))
				if err := w.AddTensor("t."+typ.String(), typ, shape, data); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(t.TempDir(), "w.gguf")
			if err := w.WriteFile(path); err != nil {
				t.Fatal(err)
			}
			want, err := llamaref.ReadGGUF(t, path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := gguf.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			compareWithReference(t, f, want)
			for _, tc := range referenceValues {
				v, _ := f.Value(tc.key)
				if !reflect.DeepEqual(v.Interface(), tc.value) {
					t.Errorf("%s = %#v, want %#v", tc.key, v.Interface(), tc.value)
				}
			}
		})
	}
}

// referenceValues holds one key of every type llama.cpp reads (it does not
// read arrays of arrays).
var referenceValues = []struct {
	key   string
	value any
}{
	{"general.architecture", "llama"},
	{"u8", uint8(250)}, {"i8", int8(-7)}, {"u16", uint16(65000)}, {"i16", int16(-32000)},
	{"u32", uint32(4e9)}, {"i32", int32(-2e9)}, {"f32", float32(1e-5)}, {"bool", true},
	{"str", "Ünïcode ▁tokens"}, {"u64", uint64(1) << 63}, {"i64", int64(-1) << 62}, {"f64", -math.MaxFloat64},
	{"a.u8", []uint8{1, 2, 255}}, {"a.i8", []int8{-1, 1}}, {"a.u16", []uint16{7}}, {"a.i16", []int16{-2}},
	{"a.u32", []uint32{1, math.MaxUint32}}, {"a.i32", []int32{-5, 5}}, {"a.f32", []float32{0.5, -0}},
	{"a.bool", []bool{false, true}}, {"a.str", []string{"<s>", "", "▁a"}}, {"a.u64", []uint64{math.MaxUint64}},
	{"a.i64", []int64{math.MinInt64}}, {"a.f64", []float64{math.SmallestNonzeroFloat64}},
	{"a.empty", []int32{}},
}

// compareWithReference checks f against what llama.cpp read from the same file.
func compareWithReference(t *testing.T, f *gguf.File, want llamaref.GGUFInfo) {
	t.Helper()
	if f.Version() != want.Version || f.Alignment() != want.Alignment || f.DataOffset() != want.DataOffset {
		t.Errorf("version %d alignment %d data offset %d, llama.cpp: %d %d %d",
			f.Version(), f.Alignment(), f.DataOffset(), want.Version, want.Alignment, want.DataOffset)
	}
	keys := f.Keys()
	if len(keys) != len(want.KVs) {
		t.Errorf("%d keys, llama.cpp: %d", len(keys), len(want.KVs))
	}
	for i := range min(len(keys), len(want.KVs)) {
		compareKV(t, i, keys[i], f, want.KVs[i])
	}
	tensors := f.Tensors()
	if len(tensors) != len(want.Tensors) {
		t.Errorf("%d tensors, llama.cpp: %d", len(tensors), len(want.Tensors))
	}
	for i := range min(len(tensors), len(want.Tensors)) {
		compareTensor(t, f, tensors[i], want.Tensors[i])
	}
}

func compareKV(t *testing.T, i int, key string, f *gguf.File, want llamaref.GGUFKV) {
	t.Helper()
	if key != want.Key {
		t.Errorf("key %d is %q, llama.cpp: %q", i, key, want.Key)
		return
	}
	v, _ := f.Value(key)
	elem := -1
	if v.Type() == gguf.TypeArray {
		elem = int(v.ElemType())
	}
	if int(v.Type()) != want.Type || elem != want.ArrType {
		t.Errorf("%s: type %d/%d, llama.cpp: %d/%d", key, v.Type(), elem, want.Type, want.ArrType)
		return
	}
	got := formatValue(v)
	if len(got) != len(want.Values) {
		t.Errorf("%s: %d values, llama.cpp: %d", key, len(got), len(want.Values))
		return
	}
	for j := range got {
		if got[j] != want.Values[j] {
			t.Errorf("%s[%d] = %q, llama.cpp: %q", key, j, got[j], want.Values[j])
			return
		}
	}
}

func compareTensor(t *testing.T, f *gguf.File, got gguf.TensorInfo, want llamaref.GGUFTensor) {
	t.Helper()
	shape := []int64{1, 1, 1, 1}
	for i, d := range got.Shape {
		shape[i] = int64(d)
	}
	if got.Name != want.Name || uint32(got.Type) != want.Type || !reflect.DeepEqual(shape, want.NE[:]) ||
		got.Offset != f.DataOffset()+want.Offset || got.Size != want.Size {
		t.Errorf("tensor %q %s %v at %d, %d bytes; llama.cpp: %q type %d %v at %d+%d, %d bytes",
			got.Name, got.Type, got.Shape, got.Offset, got.Size,
			want.Name, want.Type, want.NE, f.DataOffset(), want.Offset, want.Size)
	}
	if uint64(len(f.Data(got))) != got.Size {
		t.Errorf("tensor %q: Data has %d bytes, want %d", got.Name, len(f.Data(got)), got.Size)
	}
}

// formatValue encodes a value's elements as llamaref.GGUFKV.Values does.
func formatValue(v gguf.Value) []string {
	switch x := v.Interface().(type) {
	case []uint8:
		return mapAll(x, func(e uint8) string { return strconv.FormatUint(uint64(e), 10) })
	case []int8:
		return mapAll(x, func(e int8) string { return strconv.FormatInt(int64(e), 10) })
	case []uint16:
		return mapAll(x, func(e uint16) string { return strconv.FormatUint(uint64(e), 10) })
	case []int16:
		return mapAll(x, func(e int16) string { return strconv.FormatInt(int64(e), 10) })
	case []uint32:
		return mapAll(x, func(e uint32) string { return strconv.FormatUint(uint64(e), 10) })
	case []int32:
		return mapAll(x, func(e int32) string { return strconv.FormatInt(int64(e), 10) })
	case []uint64:
		return mapAll(x, func(e uint64) string { return strconv.FormatUint(e, 10) })
	case []int64:
		return mapAll(x, func(e int64) string { return strconv.FormatInt(e, 10) })
	case []float32:
		return mapAll(x, func(e float32) string { return fmt.Sprintf("%08x", math.Float32bits(e)) })
	case []float64:
		return mapAll(x, func(e float64) string { return fmt.Sprintf("%016x", math.Float64bits(e)) })
	case []bool:
		return mapAll(x, func(e bool) string { return map[bool]string{false: "0", true: "1"}[e] })
	case []string:
		return mapAll(x, func(e string) string { s, _, _ := strings.Cut(e, "\x00"); return s })
	case []gguf.Value:
		return []string{"nested"}
	}
	return formatValue(scalarAsArray(v))
}

// scalarAsArray wraps a scalar value as a one-element array.
func scalarAsArray(v gguf.Value) gguf.Value {
	x := reflect.ValueOf(v.Interface())
	s := reflect.MakeSlice(reflect.SliceOf(x.Type()), 1, 1)
	s.Index(0).Set(x)
	a, err := gguf.ValueOf(s.Interface())
	if err != nil {
		panic(err)
	}
	return a
}

func mapAll[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// TestUnsupportedTypeNames checks the names given to tensor types Hearth does
// not read against ggml_type_name, and that each is refused by name.
func TestUnsupportedTypeNames(t *testing.T) {
	llamaref.Require(t)
	tests := []struct {
		typ  uint32
		name string
	}{
		{16, "IQ2_XXS"}, {17, "IQ2_XS"}, {18, "IQ3_XXS"}, {19, "IQ1_S"}, {20, "IQ4_NL"}, {21, "IQ3_S"},
		{22, "IQ2_S"}, {23, "IQ4_XS"}, {29, "IQ1_M"}, {34, "TQ1_0"}, {35, "TQ2_0"}, {39, "MXFP4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bs, _, name := llamaref.TypeLayout(t, tc.typ)
			if !strings.EqualFold(name, tc.name) {
				t.Fatalf("ggml names type %d %q, this test %q", tc.typ, name, tc.name)
			}
			file := header(1, 0).tensor("t", tc.typ, 0, uint64(bs)).padTo(32, 0).Bytes()
			_, err := gguf.ParseBytes(file)
			if !errors.Is(err, gguf.ErrUnsupportedType) || !strings.Contains(err.Error(), tc.name+" (type "+strconv.Itoa(int(tc.typ))+")") {
				t.Errorf("ParseBytes: %v, want ErrUnsupportedType naming %s", err, tc.name)
			}
		})
	}
}
