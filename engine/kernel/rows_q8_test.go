package kernel_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/quant"
)

// q8Cache fills a cache of n rows of stride values with random values,
// quantized by QuantizeQ8, and returns it with the dequantized rows
// (through the quant package's own Q8_0 decoder).
func q8Cache(t *testing.T, r *rand.Rand, n, stride int) ([]byte, []float32) {
	t.Helper()
	x := make([]float32, n*stride)
	for i := range x {
		x[i] = float32(r.NormFloat64()) * 3
	}
	cache := make([]byte, kernel.Q8Bytes(len(x)))
	var in kernel.Input
	kernel.QuantizeQ8(cache, x, &in)
	deq := make([]float32, len(x))
	if err := quant.Dequantize(quant.Q8_0, cache, deq); err != nil {
		t.Fatal(err)
	}
	// Each value is within half a step d = amax/127 of what was stored,
	// plus the rounding of d to binary16 (2^-11 relative) times up to 127
	// steps: 0.5·d + 127·d·2^-11 < 0.57·d.
	for b := 0; b < len(x); b += 32 {
		var amax float64
		for _, v := range x[b : b+32] {
			amax = max(amax, math.Abs(float64(v)))
		}
		for i := b; i < b+32; i++ {
			if d := math.Abs(float64(deq[i] - x[i])); d > amax/127*0.57 {
				t.Fatalf("value %d: stored %g, reads back %g", i, x[i], deq[i])
			}
		}
	}
	return cache, deq
}

// TestDotQ8Rows checks the scores against float64 sums of the dequantized
// rows with the query quantized to Q8_0: the block products are exact
// integers, so only float32 rounding separates them.
func TestDotQ8Rows(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, hd := range []int{32, 64, 128, 256} {
		const n, heads = 37, 2
		stride := heads * hd
		cache, deq := q8Cache(t, r, n, stride)
		x := make([]float32, hd)
		for i := range x {
			x[i] = float32(r.NormFloat64())
		}
		xq, err := quant.Quantize(quant.Q8_0, x)
		if err != nil {
			t.Fatal(err)
		}
		xd := make([]float32, hd)
		if err := quant.Dequantize(quant.Q8_0, xq, xd); err != nil {
			t.Fatal(err)
		}
		dst := make([]float32, n)
		var in kernel.Input
		kernel.DotQ8Rows(dst, cache, stride, hd, x, 0.5, &in) // the second head
		for j := range n {
			var want float64
			for i := range hd {
				want += float64(deq[j*stride+hd+i]) * float64(xd[i])
			}
			want *= 0.5
			if math.Abs(float64(dst[j])-want) > 1e-4*(1+math.Abs(want)) {
				t.Errorf("hd %d row %d: %g, want %g", hd, j, dst[j], want)
			}
		}
	}
}

// TestAxpyQ8Rows checks the weighted sum of dequantized rows against a
// float64 sum, with the SIMD kernel and in plain Go.
func TestAxpyQ8Rows(t *testing.T) {
	t.Run("simd", testAxpyQ8Rows)
	t.Run("plain", func(t *testing.T) {
		prev := kernel.UseSIMD(kernel.Features{})
		defer kernel.UseSIMD(prev)
		testAxpyQ8Rows(t)
	})
}

func testAxpyQ8Rows(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, hd := range []int{32, 64, 128} {
		const n, heads = 50, 2
		stride := heads * hd
		cache, deq := q8Cache(t, r, n, stride)
		w := make([]float32, n)
		for j := range w {
			w[j] = r.Float32()
		}
		dst := make([]float32, hd)
		kernel.AxpyQ8Rows(dst, w, cache, stride, hd) // the second head
		for i := range hd {
			var want float64
			for j := range n {
				want += float64(w[j]) * float64(deq[j*stride+hd+i])
			}
			if math.Abs(float64(dst[i])-want) > 1e-4*(1+math.Abs(want)) {
				t.Errorf("hd %d value %d: %g, want %g", hd, i, dst[i], want)
			}
		}
	}
}

// TestQ8RowsRefuseBrokenBlocks checks that rows not made of whole blocks
// panic instead of reading a wrong block.
func TestQ8RowsRefuseBrokenBlocks(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a head of 48 values did not panic")
		}
	}()
	var in kernel.Input
	kernel.DotQ8Rows(make([]float32, 1), make([]byte, 68), 64, 0, make([]float32, 48), 1, &in)
}
