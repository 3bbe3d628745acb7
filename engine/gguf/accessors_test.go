package gguf_test

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
)

func TestAccessors(t *testing.T) {
	w := gguf.NewWriter()
	w.Set("general.architecture", "qwen2")
	w.Set("u8", uint8(7))
	w.Set("i8neg", int8(-3))
	w.Set("u32", uint32(4e9))
	w.Set("i64", int64(-1<<40))
	w.Set("u64big", uint64(math.MaxUint64))
	w.Set("f32", float32(0.25))
	w.Set("f64", 1e-6)
	w.Set("bool", true)
	w.Set("str", "hi")
	w.Set("strs", []string{"a", "b"})
	w.Set("i32s", []int32{-1, 2})
	w.Set("u8s", []uint8{255})
	w.Set("u64s", []uint64{1, math.MaxUint64})
	w.Set("f32s", []float32{0.5, 1.5})
	w.Set("f64s", []float64{0.1})
	f, _ := roundTrip(t, w)

	type result struct {
		v  any
		ok bool
	}
	r := func(v any, ok bool) result { return result{v, ok} }
	tests := []struct {
		name string
		got  result
		want result
	}{
		{"Architecture", result{f.Architecture(), true}, result{"qwen2", true}},
		{"String of string", r(f.String("str")), result{"hi", true}},
		{"String of uint32", r(f.String("u32")), result{"", false}},
		{"String of missing", r(f.String("nope")), result{"", false}},
		{"Uint of uint8", r(f.Uint("u8")), result{uint64(7), true}},
		{"Uint of uint32", r(f.Uint("u32")), result{uint64(4e9), true}},
		{"Uint of negative int8", r(f.Uint("i8neg")), result{uint64(0), false}},
		{"Uint of max uint64", r(f.Uint("u64big")), result{uint64(math.MaxUint64), true}},
		{"Uint of float", r(f.Uint("f32")), result{uint64(0), false}},
		{"Int of int8", r(f.Int("i8neg")), result{int64(-3), true}},
		{"Int of int64", r(f.Int("i64")), result{int64(-1 << 40), true}},
		{"Int of max uint64", r(f.Int("u64big")), result{int64(0), false}},
		{"Int of string", r(f.Int("str")), result{int64(0), false}},
		{"Float of float32", r(f.Float("f32")), result{0.25, true}},
		{"Float of float64", r(f.Float("f64")), result{1e-6, true}},
		{"Float of uint32", r(f.Float("u32")), result{4e9, true}},
		{"Float of int8", r(f.Float("i8neg")), result{-3.0, true}},
		{"Float of bool", r(f.Float("bool")), result{0.0, false}},
		{"Bool", r(f.Bool("bool")), result{true, true}},
		{"Bool of uint8", r(f.Bool("u8")), result{false, false}},
		{"Strings", r(f.Strings("strs")), result{[]string{"a", "b"}, true}},
		{"Strings of int32s", r(f.Strings("i32s")), result{[]string(nil), false}},
		{"Ints of int32s", r(f.Ints("i32s")), result{[]int64{-1, 2}, true}},
		{"Ints of uint8s", r(f.Ints("u8s")), result{[]int64{255}, true}},
		{"Ints of too big uint64s", r(f.Ints("u64s")), result{[]int64(nil), false}},
		{"Ints of float32s", r(f.Ints("f32s")), result{[]int64(nil), false}},
		{"Ints of scalar", r(f.Ints("u8")), result{[]int64(nil), false}},
		{"Floats of float32s", r(f.Floats("f32s")), result{[]float32{0.5, 1.5}, true}},
		{"Floats of float64s", r(f.Floats("f64s")), result{[]float32{0.1}, true}},
		{"Floats of int32s", r(f.Floats("i32s")), result{[]float32(nil), false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
	t.Run("Strings returns a copy", func(t *testing.T) {
		s, _ := f.Strings("strs")
		s[0] = "changed"
		if again, _ := f.Strings("strs"); again[0] != "a" {
			t.Errorf("modifying the result changed the file's value to %q", again[0])
		}
	})
}

func TestEmptyFile(t *testing.T) {
	f, _ := roundTrip(t, gguf.NewWriter())
	if len(f.Keys()) != 0 || len(f.Tensors()) != 0 || f.Architecture() != "" || f.Alignment() != 32 {
		t.Errorf("empty file: keys %q tensors %v architecture %q alignment %d", f.Keys(), f.Tensors(), f.Architecture(), f.Alignment())
	}
	if _, ok := f.Tensor("x"); ok {
		t.Error("Tensor found a tensor in an empty file")
	}
	if d := f.Data(gguf.TensorInfo{Name: "x", Offset: 1 << 40, Size: 8}); d != nil {
		t.Errorf("Data of a tensor outside the file = %v, want nil", d)
	}
}

func TestElements(t *testing.T) {
	tests := []struct {
		shape []uint64
		want  uint64
	}{{nil, 1}, {[]uint64{5}, 5}, {[]uint64{64, 512}, 32768}, {[]uint64{2, 3, 4, 5}, 120}, {[]uint64{8, 0}, 0}}
	for _, tc := range tests {
		t.Run(fmtShape(tc.shape), func(t *testing.T) {
			if got := (gguf.TensorInfo{Shape: tc.shape}).Elements(); got != tc.want {
				t.Errorf("Elements() = %d, want %d", got, tc.want)
			}
		})
	}
}

func fmtShape(s []uint64) string {
	if len(s) == 0 {
		return "scalar"
	}
	return fmt.Sprint(s)
}
