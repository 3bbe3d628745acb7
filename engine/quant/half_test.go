package quant_test

import (
	"math"
	"testing"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestF16Values checks conversions against values fixed by IEEE 754 binary16.
func TestF16Values(t *testing.T) {
	tests := []struct {
		name string
		h    uint16
		f    float32
	}{
		{"zero", 0x0000, 0},
		{"one", 0x3c00, 1},
		{"minus two", 0xc000, -2},
		{"largest normal", 0x7bff, 65504},
		{"smallest normal", 0x0400, 0x1p-14},
		{"smallest subnormal", 0x0001, 0x1p-24},
		{"largest subnormal", 0x03ff, 1023 * 0x1p-24},
		{"one third", 0x3555, 0.333251953125},
		{"below one", 0x3bff, 0.99951171875},
		{"above one", 0x3c01, 1.0009765625},
		{"infinity", 0x7c00, float32(math.Inf(1))},
		{"minus infinity", 0xfc00, float32(math.Inf(-1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quant.F16ToF32(tt.h); got != tt.f {
				t.Errorf("F16ToF32(%#04x) = %g, want %g", tt.h, got, tt.f)
			}
			if got := quant.F32ToF16(tt.f); got != tt.h {
				t.Errorf("F32ToF16(%g) = %#04x, want %#04x", tt.f, got, tt.h)
			}
		})
	}
}

// TestF32ToF16Rounding checks round-to-nearest-even at the binary16 limits.
func TestF32ToF16Rounding(t *testing.T) {
	tests := []struct {
		name string
		f    float32
		h    uint16
	}{
		{"negative zero", float32(math.Copysign(0, -1)), 0x8000},
		{"tie rounds to even, down", 1 + 0x1p-11, 0x3c00},
		{"tie rounds to even, up", 1 + 3*0x1p-11, 0x3c02},
		{"just above tie", 1 + 0x1p-11 + 0x1p-23, 0x3c01},
		{"largest below overflow", 65519.99, 0x7bff},
		{"overflow by rounding", 65520, 0x7c00},
		{"overflow", 1e6, 0x7c00},
		{"negative overflow", -1e6, 0xfc00},
		{"half of smallest subnormal is a tie to zero", 0x1p-25, 0x0000},
		{"above half of smallest subnormal", 0x1p-25 * (1 + 0x1p-23), 0x0001},
		{"subnormal tie to even", 1.5 * 0x1p-24, 0x0002},
		{"subnormal tie to even, down", 2.5 * 0x1p-24, 0x0002},
		{"rounds up into the normals", 1023.5 * 0x1p-24, 0x0400},
		{"float32 subnormal", 0x1p-140, 0x0000},
		{"NaN", float32(math.NaN()), 0x7e00},
		{"negative NaN", math.Float32frombits(0xffc00001), 0xfe00},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quant.F32ToF16(tt.f); got != tt.h {
				t.Errorf("F32ToF16(%g) = %#04x, want %#04x", tt.f, got, tt.h)
			}
		})
	}
}

// TestBF16Values checks bfloat16 conversions against values fixed by the format.
func TestBF16Values(t *testing.T) {
	tests := []struct {
		name string
		f    float32
		h    uint16
	}{
		{"one", 1, 0x3f80},
		{"pi", math.Pi, 0x4049},
		{"tie rounds to even, down", 1 + 0x1p-8, 0x3f80},
		{"tie rounds to even, up", 1 + 3*0x1p-8, 0x3f82},
		{"largest float32 overflows", math.MaxFloat32, 0x7f80},
		{"subnormal is kept", 0x1p-130, 0x0008},
		{"infinity", float32(math.Inf(-1)), 0xff80},
		{"NaN is quiet", math.Float32frombits(0x7f800001), 0x7fc0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quant.F32ToBF16(tt.f); got != tt.h {
				t.Errorf("F32ToBF16(%g) = %#04x, want %#04x", tt.f, got, tt.h)
			}
		})
	}
}

// TestHalfMatchesGGML compares the four conversions with ggml's scalar ones:
// every 16-bit pattern one way, and float32 patterns chosen around every
// rounding boundary plus an even sweep of the whole 32-bit space the other.
func TestHalfMatchesGGML(t *testing.T) {
	llamaref.Require(t)
	all16 := make([]uint16, 1<<16)
	for i := range all16 {
		all16[i] = uint16(i)
	}
	f32 := float32Patterns()
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"F16ToF32", func(t *testing.T) { compareFrom16(t, all16, quant.F16ToF32, llamaref.F16ToF32(t, all16)) }},
		{"BF16ToF32", func(t *testing.T) { compareFrom16(t, all16, quant.BF16ToF32, llamaref.BF16ToF32(t, all16)) }},
		{"F32ToF16", func(t *testing.T) { compareTo16(t, f32, quant.F32ToF16, llamaref.F32ToF16(t, f32)) }},
		{"F32ToBF16", func(t *testing.T) { compareTo16(t, f32, quant.F32ToBF16, llamaref.F32ToBF16(t, f32)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

func compareFrom16(t *testing.T, in []uint16, conv func(uint16) float32, want []float32) {
	t.Helper()
	bad := 0
	for i, h := range in {
		if got := conv(h); math.Float32bits(got) != math.Float32bits(want[i]) {
			if bad++; bad <= 5 {
				t.Errorf("%#04x: got %#08x, ggml %#08x", h, math.Float32bits(got), math.Float32bits(want[i]))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d values differ", bad, len(in))
	}
}

func compareTo16(t *testing.T, in []float32, conv func(float32) uint16, want []uint16) {
	t.Helper()
	bad := 0
	for i, f := range in {
		if got := conv(f); got != want[i] {
			if bad++; bad <= 5 {
				t.Errorf("%#08x: got %#04x, ggml %#04x", math.Float32bits(f), got, want[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d values differ", bad, len(in))
	}
}

// float32Patterns returns, for both signs and every exponent, mantissas at
// and next to every power-of-two boundary (where binary16 and bfloat16
// rounding decides), and a strided sweep of all 2^32 bit patterns.
func float32Patterns() []float32 {
	var mants []uint32
	for j := range 23 {
		for _, k := range []uint32{1, 2, 3} {
			m := k << j
			mants = append(mants, m-1, m, m+1)
		}
	}
	mants = append(mants, 0x7fffff, 0x7ffffe, 0x400001)
	var out []float32
	for sign := range uint32(2) {
		for exp := range uint32(256) {
			for _, m := range mants {
				out = append(out, math.Float32frombits(sign<<31|exp<<23|m&0x7fffff))
			}
		}
	}
	for b := uint64(12345); b < 1<<32; b += 4099 {
		out = append(out, math.Float32frombits(uint32(b)))
	}
	return out
}
