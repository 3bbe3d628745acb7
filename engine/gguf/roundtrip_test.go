package gguf_test

import (
	"bytes"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/quant"
)

// roundTrip writes w to memory and parses the result.
func roundTrip(t *testing.T, w *gguf.Writer) (*gguf.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	n, err := w.WriteTo(&buf)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("WriteTo returned %d, wrote %d bytes", n, buf.Len())
	}
	f, err := gguf.ParseBytes(buf.Bytes())
	if err != nil {
		t.Fatalf("ParseBytes: %v", err)
	}
	return f, buf.Bytes()
}

func nested(t *testing.T) gguf.Value {
	t.Helper()
	inner1, err := gguf.ValueOf([]uint32{1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	inner2, err := gguf.ValueOf([]string{"a", ""})
	if err != nil {
		t.Fatal(err)
	}
	v, err := gguf.ValueOf([]gguf.Value{inner1, inner2})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestRoundTripValues(t *testing.T) {
	tests := []struct {
		name     string
		value    any
		typ      gguf.ValueType
		elemType gguf.ValueType
	}{
		{"uint8", uint8(200), gguf.TypeUint8, 0},
		{"int8", int8(-100), gguf.TypeInt8, 0},
		{"uint16", uint16(60000), gguf.TypeUint16, 0},
		{"int16", int16(-30000), gguf.TypeInt16, 0},
		{"uint32", uint32(4000000000), gguf.TypeUint32, 0},
		{"int32", int32(-2000000000), gguf.TypeInt32, 0},
		{"float32", float32(-1.5e-7), gguf.TypeFloat32, 0},
		{"bool true", true, gguf.TypeBool, 0},
		{"bool false", false, gguf.TypeBool, 0},
		{"string", "héllo\x00world", gguf.TypeString, 0},
		{"empty string", "", gguf.TypeString, 0},
		{"uint64", uint64(math.MaxUint64), gguf.TypeUint64, 0},
		{"int64", int64(math.MinInt64), gguf.TypeInt64, 0},
		{"float64", math.Pi, gguf.TypeFloat64, 0},
		{"[]uint8", []uint8{0, 1, 255}, gguf.TypeArray, gguf.TypeUint8},
		{"[]int8", []int8{-128, 0, 127}, gguf.TypeArray, gguf.TypeInt8},
		{"[]uint16", []uint16{0, 65535}, gguf.TypeArray, gguf.TypeUint16},
		{"[]int16", []int16{-32768, 32767}, gguf.TypeArray, gguf.TypeInt16},
		{"[]uint32", []uint32{0, math.MaxUint32}, gguf.TypeArray, gguf.TypeUint32},
		{"[]int32", []int32{math.MinInt32, -1, 3}, gguf.TypeArray, gguf.TypeInt32},
		{"[]float32", []float32{0, -0.25, float32(math.Inf(1))}, gguf.TypeArray, gguf.TypeFloat32},
		{"[]bool", []bool{true, false, true}, gguf.TypeArray, gguf.TypeBool},
		{"[]string", []string{"a", "", "ccc", "▁the"}, gguf.TypeArray, gguf.TypeString},
		{"[]uint64", []uint64{0, math.MaxUint64}, gguf.TypeArray, gguf.TypeUint64},
		{"[]int64", []int64{math.MinInt64, math.MaxInt64}, gguf.TypeArray, gguf.TypeInt64},
		{"[]float64", []float64{1e300, -1e-300}, gguf.TypeArray, gguf.TypeFloat64},
		{"empty []string", []string{}, gguf.TypeArray, gguf.TypeString},
		{"empty []float32", []float32{}, gguf.TypeArray, gguf.TypeFloat32},
		{"nested arrays", nested(t), gguf.TypeArray, gguf.TypeArray},
	}
	w := gguf.NewWriter()
	for _, tc := range tests {
		w.Set(tc.name, tc.value)
	}
	f, _ := roundTrip(t, w)
	if f.Version() != 3 {
		t.Errorf("Version() = %d, want 3", f.Version())
	}
	var wantKeys []string
	for _, tc := range tests {
		wantKeys = append(wantKeys, tc.name)
		t.Run(tc.name, func(t *testing.T) {
			v, ok := f.Value(tc.name)
			if !ok {
				t.Fatalf("key %q missing", tc.name)
			}
			if v.Type() != tc.typ || (tc.typ == gguf.TypeArray && v.ElemType() != tc.elemType) {
				t.Errorf("type = %s of %s, want %s of %s", v.Type(), v.ElemType(), tc.typ, tc.elemType)
			}
			want := tc.value
			if wv, ok := want.(gguf.Value); ok {
				want = wv.Interface()
			}
			if got := v.Interface(); !reflect.DeepEqual(got, want) {
				t.Errorf("value = %#v, want %#v", got, want)
			}
		})
	}
	if got := f.Keys(); !reflect.DeepEqual(got, wantKeys) {
		t.Errorf("Keys() = %q, want %q", got, wantKeys)
	}
}

// tensorTypes lists every tensor type the quant package lays out.
var tensorTypes = []quant.Type{
	quant.F32, quant.F16, quant.BF16, quant.Q4_0, quant.Q4_1, quant.Q5_0, quant.Q5_1,
	quant.Q8_0, quant.Q8_1, quant.Q2_K, quant.Q3_K, quant.Q4_K, quant.Q5_K, quant.Q6_K,
	quant.Q8_K, quant.I8, quant.I16, quant.I32, quant.I64, quant.F64,
}

// patterned returns n bytes that differ from tensor to tensor.
func patterned(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7) ^ seed
	}
	return b
}

func TestRoundTripTensors(t *testing.T) {
	w := gguf.NewWriter()
	w.Set("general.architecture", "llama")
	type added struct {
		name  string
		typ   quant.Type
		shape []uint64
		data  []byte
	}
	var all []added
	for i, typ := range tensorTypes {
		l, _ := quant.LayoutOf(typ)
		shape := []uint64{uint64(2 * l.BlockSize), 3}
		if i%2 == 1 {
			shape = append(shape, 1, 2)
		}
		n := int(shape[0]) / l.BlockSize * l.BlockBytes * int(shape[1]) * max(1, len(shape)-2)
		a := added{"t." + typ.String(), typ, shape, patterned(n, byte(i))}
		if err := w.AddTensor(a.name, a.typ, a.shape, a.data); err != nil {
			t.Fatalf("AddTensor(%s): %v", a.name, err)
		}
		all = append(all, a)
	}
	f, _ := roundTrip(t, w)
	if got := len(f.Tensors()); got != len(all) {
		t.Fatalf("%d tensors, want %d", got, len(all))
	}
	for i, a := range all {
		t.Run(a.typ.String(), func(t *testing.T) {
			info, ok := f.Tensor(a.name)
			if !ok {
				t.Fatalf("tensor %q missing", a.name)
			}
			if f.Tensors()[i].Name != a.name {
				t.Errorf("tensor %d is %q, want %q", i, f.Tensors()[i].Name, a.name)
			}
			if info.Type != a.typ || !reflect.DeepEqual(info.Shape, a.shape) || info.Size != uint64(len(a.data)) {
				t.Errorf("got %s %v %d bytes, want %s %v %d bytes", info.Type, info.Shape, info.Size, a.typ, a.shape, len(a.data))
			}
			if info.Offset%32 != 0 {
				t.Errorf("offset %d not aligned to 32", info.Offset)
			}
			if !bytes.Equal(f.Data(info), a.data) {
				t.Errorf("data differs")
			}
		})
	}
}

func TestWriteFileOpen(t *testing.T) {
	w := gguf.NewWriter()
	w.Set("general.alignment", uint32(64))
	w.Set("general.architecture", "llama")
	data := patterned(4*8*3, 1)
	if err := w.AddTensor("a", quant.F32, []uint64{8, 3}, data); err != nil {
		t.Fatal(err)
	}
	if err := w.AddTensor("b", quant.F32, []uint64{8, 3}, data); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.gguf")
	if err := w.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	f, err := gguf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Architecture() != "llama" || f.Alignment() != 64 {
		t.Errorf("architecture %q alignment %d, want llama 64", f.Architecture(), f.Alignment())
	}
	for _, info := range f.Tensors() {
		if info.Offset%64 != 0 || !bytes.Equal(f.Data(info), data) {
			t.Errorf("tensor %q at %d: misaligned or wrong data", info.Name, info.Offset)
		}
	}
}
