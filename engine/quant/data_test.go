package quant_test

import (
	"math"
	"math/rand/v2"

	"github.com/hearth-app/hearth/engine/quant"
)

// supported lists every type Quantize and Dequantize convert.
var supported = []quant.Type{
	quant.F32, quant.F16, quant.BF16,
	quant.Q4_0, quant.Q4_1, quant.Q5_0, quant.Q5_1, quant.Q8_0,
	quant.Q4_K, quant.Q5_K, quant.Q6_K, quant.Q8_K,
}

// dataset is a named generator of test rows.
type dataset struct {
	name string
	gen  func(r *rand.Rand, n int) []float32
	// special marks data with NaN or Inf, for which only the reference
	// comparison, not the error bounds, makes sense.
	special bool
}

func fill(n int, f func(i int) float32) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = f(i)
	}
	return x
}

func gauss(r *rand.Rand, scale float64) func(int) float32 {
	return func(int) float32 { return float32(r.NormFloat64() * scale) }
}

// datasets covers the shapes of data that exercise the quantizers' branches:
// ordinary weights, degenerate blocks, fp16 overflow and underflow of the
// scales, exact rounding ties, and non-finite input.
var datasets = []dataset{
	{name: "gaussian", gen: func(r *rand.Rand, n int) []float32 { return fill(n, gauss(r, 1)) }},
	{name: "uniform", gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 { return float32(2*r.Float64() - 1) })
	}},
	{name: "weights", gen: func(r *rand.Rand, n int) []float32 { return fill(n, gauss(r, 0.02)) }},
	{name: "zero", gen: func(r *rand.Rand, n int) []float32 { return make([]float32, n) }},
	{name: "constant", gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 { return 0.75 })
	}},
	{name: "tiny", gen: func(r *rand.Rand, n int) []float32 { return fill(n, gauss(r, 1e-20)) }},
	{name: "subnormal", gen: func(r *rand.Rand, n int) []float32 { return fill(n, gauss(r, 1e-40)) }},
	{name: "fp16-subnormal-scales", gen: func(r *rand.Rand, n int) []float32 { return fill(n, gauss(r, 1e-6)) }},
	{name: "large", gen: func(r *rand.Rand, n int) []float32 { return fill(n, gauss(r, 3e4)) }},
	{name: "huge", gen: func(r *rand.Rand, n int) []float32 { return fill(n, gauss(r, 1e30)) }},
	{name: "float-max", gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 {
			return float32(r.IntN(3)-1) * math.MaxFloat32 * float32(r.Float64())
		})
	}},
	{name: "outliers", gen: func(r *rand.Rand, n int) []float32 {
		g := gauss(r, 1)
		return fill(n, func(i int) float32 {
			if r.IntN(64) == 0 {
				return g(i) * 300
			}
			return g(i)
		})
	}},
	{name: "negative", gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 { return -float32(math.Abs(r.NormFloat64())) })
	}},
	{name: "positive", gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 { return float32(math.Abs(r.NormFloat64())) + 1 })
	}},
	{name: "sparse", gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 {
			if r.IntN(40) == 0 {
				return float32(r.NormFloat64())
			}
			return 0
		})
	}},
	{name: "block-scales", gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(i int) float32 {
			return float32(r.NormFloat64() * math.Pow(10, float64((i/16)%13-6)))
		})
	}},
	{name: "integers", gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 { return float32(r.IntN(33) - 16) })
	}},
	{name: "halves", gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 { return float32(r.IntN(65)-32) / 2 })
	}},
	{name: "nan", special: true, gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 {
			if r.IntN(50) == 0 {
				return float32(math.NaN())
			}
			return float32(r.NormFloat64())
		})
	}},
	{name: "inf", special: true, gen: func(r *rand.Rand, n int) []float32 {
		return fill(n, func(int) float32 {
			if r.IntN(50) == 0 {
				return float32(math.Inf(1 - 2*r.IntN(2)))
			}
			return float32(r.NormFloat64())
		})
	}},
}

// newRand returns a deterministic generator for one named case.
func newRand(name string) *rand.Rand {
	var seed uint64 = 14695981039346656037
	for _, c := range name {
		seed = (seed ^ uint64(c)) * 1099511628211
	}
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
}
