package kernel

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// Float kernels against plain Go and a float64 product; see simd_test.go for
// the tolerance.

// floatLengths covers the 32-element main loop, the 8-element loop and the
// plain-Go tail on their own and together.
var floatLengths = []int{1, 3, 7, 8, 9, 15, 16, 31, 32, 33, 40, 63, 64, 100, 257, 2048}

// floatTerms is the summation bound's term count for n elements.
func floatTerms(n int) int { return n/4 + 10 }

func TestFloatKernelsMatchReference(t *testing.T) {
	kernels := []struct {
		typ          quant.Type
		form         form
		dot, generic func(row []byte, x []float32) float32
	}{
		{quant.F32, formF32, dotF32, dotF32Generic},
		{quant.F16, formF16, dotF16, dotF16Generic},
		{quant.BF16, formBF16, dotBF16, dotBF16Generic},
	}
	for _, k := range kernels {
		for _, n := range floatLengths {
			t.Run(fmt.Sprintf("%s/n=%d", k.typ, n), func(t *testing.T) {
				forEachLevel(t, func(t *testing.T) {
					r := rand.New(rand.NewPCG(uint64(k.typ), uint64(n)))
					for range 10 {
						row, err := quant.Quantize(k.typ, randomFloats(r, n))
						if err != nil {
							t.Fatal(err)
						}
						w := make([]float32, n)
						if err := quant.Dequantize(k.typ, row, w); err != nil {
							t.Fatal(err)
						}
						var in Input
						in.Set(randomFloats(r, n), 1, n)
						in.prepare(k.form)
						x := in.X
						switch k.form {
						case formF16:
							x = in.f16
						case formBF16:
							x = in.bf16
						}
						want, mag := dot64(w, x)
						withinSumBound(t, k.dot(row, x), k.generic(row, x), want, mag, floatTerms(n))
					}
				})
			})
		}
	}
}

func TestVectorDotsMatchReference(t *testing.T) {
	for _, n := range floatLengths {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(5, uint64(n)))
				for range 10 {
					a, x := randomFloats(r, n), randomFloats(r, n+3) // x longer: only len(a) used
					want, mag := dot64(a, x[:n])
					withinSumBound(t, Dot(a, x), dotVecGeneric(a, x), want, mag, floatTerms(n))

					h := make([]uint16, n)
					hv := make([]float32, n)
					for i, v := range randomFloats(r, n) {
						h[i] = quant.F32ToF16(v)
						hv[i] = quant.F16ToF32(h[i])
					}
					want, mag = dot64(hv, x[:n])
					withinSumBound(t, DotF16(h, x), dotVecF16Generic(h, x), want, mag, floatTerms(n))
				}
			})
		})
	}
}

// TestAxpyMatchesReference checks each element of dst + a·x against float64:
// a fused multiply-add rounds once, plain Go twice, so both are within
// 2·2⁻²⁴·(|dst|+|a·x|).
func TestAxpyMatchesReference(t *testing.T) {
	for _, n := range floatLengths {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(6, uint64(n)))
				a := float32(r.NormFloat64())
				dst0, x := randomFloats(r, n), randomFloats(r, n+5)
				h := make([]uint16, n+5)
				hv := make([]float32, n+5)
				for i, v := range x {
					h[i] = quant.F32ToF16(v)
					hv[i] = quant.F16ToF32(h[i])
				}
				dst := append([]float32(nil), dst0...)
				Axpy(dst, a, x)
				checkAxpy(t, "Axpy", dst, dst0, a, x)
				dst = append(dst[:0], dst0...)
				AxpyF16(dst, a, h)
				checkAxpy(t, "AxpyF16", dst, dst0, a, hv)
			})
		})
	}
}

func checkAxpy(t *testing.T, name string, got, dst0 []float32, a float32, x []float32) {
	t.Helper()
	for i := range got {
		p := float64(a) * float64(x[i])
		want := float64(dst0[i]) + p
		tol := 2 * unitRoundoff * (math.Abs(float64(dst0[i])) + math.Abs(p))
		if d := math.Abs(float64(got[i]) - want); d > tol {
			t.Fatalf("%s element %d: got %g, want %g (bound %g)", name, i, got[i], want, tol)
		}
	}
}

// TestFloatKernelsReadLittleEndian pins the byte order of F32 rows: a row
// built by hand gives the product computed by hand.
func TestFloatKernelsReadLittleEndian(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		const n = 40
		row := make([]byte, 4*n)
		x := make([]float32, n)
		var want float32
		for i := range n {
			binary.LittleEndian.PutUint32(row[4*i:], math.Float32bits(float32(i)))
			x[i] = 1
			want += float32(i)
		}
		if got := dotF32(row, x); got != want {
			t.Errorf("got %g, want %g", got, want)
		}
	})
}
