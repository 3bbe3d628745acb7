package kernel_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
)

// The row kernels must give exactly what the per-row DotF16 and AxpyF16
// give at the same feature level: attention's results are compared with
// llama.cpp's bit for bit.

// rowHeadDims covers the 64-element blocks, the 8-element blocks, both
// together, and a size that is not a multiple of 8 (plain Go at every level).
var rowHeadDims = []int{8, 12, 16, 64, 80, 128, 256}

const rowMax = 700

// featureLevels returns the feature levels to compare at: the CPU's, AVX2
// alone and plain Go, each as UseSIMD limits it to this CPU and each once
// (on arm64 or without AVX-512 two of them are the same level, which would
// run the same code twice).
func featureLevels() []kernel.Features {
	prev := kernel.SIMD()
	defer kernel.UseSIMD(prev)
	var out []kernel.Features
	for _, f := range []kernel.Features{prev, {AVX2: true}, {}} {
		kernel.UseSIMD(f)
		if f = kernel.SIMD(); !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// randomF16 returns finite binary16 values of every exponent, so that sums
// mix large and tiny magnitudes (and subnormals).
func randomF16(r *rand.Rand, n int) []uint16 {
	h := make([]uint16, n)
	for i := range h {
		exp := uint16(r.IntN(31)) // 31 would be Inf or NaN
		h[i] = uint16(r.IntN(2))<<15 | exp<<10 | uint16(r.IntN(1<<10))
	}
	return h
}

// randomF32 returns values of mixed magnitude and sign, some of them zero.
func randomF32(r *rand.Rand, n int) []float32 {
	x := make([]float32, n)
	for i := range x {
		switch r.IntN(8) {
		case 0:
			x[i] = 0
		case 1:
			x[i] = float32(r.NormFloat64() * 1e-6)
		case 2:
			x[i] = float32(r.NormFloat64() * 1e3)
		default:
			x[i] = float32(r.NormFloat64())
		}
	}
	return x
}

// rowLayout places rows of hd elements in a cache as attention does: kv
// heads side by side, and the row of one head at offset g·hd.
type rowLayout struct{ hd, stride, offset int }

func layouts(hd int) []rowLayout {
	return []rowLayout{
		{hd, hd, 0},          // rows packed
		{hd, 4 * hd, 2 * hd}, // one of four KV heads
		{hd, 3*hd + 5, 3},    // odd stride and offset (unaligned rows)
	}
}

func eachLevel(t *testing.T, f func(t *testing.T)) {
	prev := kernel.SIMD()
	defer kernel.UseSIMD(prev)
	for _, fs := range featureLevels() {
		kernel.UseSIMD(fs)
		t.Run(fmt.Sprintf("%+v", fs), f)
	}
}

func TestDotF16RowsMatchesDotF16(t *testing.T) {
	eachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		for _, hd := range rowHeadDims {
			for _, l := range layouts(hd) {
				cache := randomF16(r, (rowMax-1)*l.stride+l.offset+hd)
				x := randomF32(r, hd)
				scale := float32(1 / math.Sqrt(float64(hd)))
				got := make([]float32, rowMax)
				for n := 1; n <= rowMax; n++ {
					kernel.DotF16Rows(got[:n], cache, l.stride, l.offset, x, scale)
					for j := range n {
						o := j*l.stride + l.offset
						want := kernel.DotF16(cache[o:o+hd], x) * scale
						if math.Float32bits(got[j]) != math.Float32bits(want) {
							t.Fatalf("%+v n=%d row %d: got %g (%#x), want %g (%#x)",
								l, n, j, got[j], math.Float32bits(got[j]), want, math.Float32bits(want))
						}
					}
				}
			}
		}
	})
}

func TestAxpyF16RowsMatchesAxpyF16(t *testing.T) {
	eachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		for _, hd := range rowHeadDims {
			for _, l := range layouts(hd) {
				cache := randomF16(r, (rowMax-1)*l.stride+l.offset+hd)
				w := randomF32(r, rowMax)
				start := randomF32(r, hd)
				got, want := make([]float32, hd), make([]float32, hd)
				for n := 1; n <= rowMax; n++ {
					copy(got, start)
					copy(want, start)
					kernel.AxpyF16Rows(got, w[:n], cache, l.stride, l.offset)
					for j := range n {
						o := j*l.stride + l.offset
						kernel.AxpyF16(want, w[j], cache[o:o+hd])
					}
					for i := range got {
						if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
							t.Fatalf("%+v n=%d element %d: got %g, want %g", l, n, i, got[i], want[i])
						}
					}
				}
			}
		}
	})
}

// TestRowsSignOfZero checks that a dot product summing to -0 (products so
// small that they round to -0) comes out as DotF16 gives it: its Go tail
// adds +0, which makes it +0.
func TestRowsSignOfZero(t *testing.T) {
	eachLevel(t, func(t *testing.T) {
		const hd = 64
		cache := make([]uint16, 2*hd)
		for i := range cache {
			cache[i] = 0x8001 // the smallest negative subnormal
		}
		x := make([]float32, hd)
		for i := range x {
			x[i] = 1e-40
		}
		got := make([]float32, 2)
		kernel.DotF16Rows(got, cache, hd, 0, x, -1)
		want := kernel.DotF16(cache[:hd], x) * -1
		if math.Float32bits(got[0]) != math.Float32bits(want) {
			t.Fatalf("got %#x, want %#x", math.Float32bits(got[0]), math.Float32bits(want))
		}
	})
}

func TestRowsPanicOutsideCache(t *testing.T) {
	cache := make([]uint16, 10*64)
	x := make([]float32, 64)
	for name, f := range map[string]func(){
		"dot":    func() { kernel.DotF16Rows(make([]float32, 11), cache, 64, 0, x, 1) },
		"dotOff": func() { kernel.DotF16Rows(make([]float32, 10), cache, 64, 1, x, 1) },
		"axpy":   func() { kernel.AxpyF16Rows(x, make([]float32, 10), cache, 64, 8) },
		"neg":    func() { kernel.AxpyF16Rows(x, make([]float32, 2), cache, -64, 128) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			f()
		})
	}
}

func BenchmarkAttentionRows(b *testing.B) {
	const hd, n, stride = 64, 512, 4 * 64
	r := rand.New(rand.NewPCG(5, 6))
	cache := randomF16(r, n*stride)
	x := randomF32(r, hd)
	sc := make([]float32, n)
	out := make([]float32, hd)
	b.Run("dot/per-row", func(b *testing.B) {
		for b.Loop() {
			for j := range sc {
				sc[j] = kernel.DotF16(cache[j*stride+hd:j*stride+2*hd], x) * 0.125
			}
		}
	})
	b.Run("dot/rows", func(b *testing.B) {
		for b.Loop() {
			kernel.DotF16Rows(sc, cache, stride, hd, x, 0.125)
		}
	})
	b.Run("axpy/per-row", func(b *testing.B) {
		for b.Loop() {
			for j, p := range sc {
				kernel.AxpyF16(out, p, cache[j*stride+hd:j*stride+2*hd])
			}
		}
	})
	b.Run("axpy/rows", func(b *testing.B) {
		for b.Loop() {
			kernel.AxpyF16Rows(out, sc, cache, stride, hd)
		}
	})
}
