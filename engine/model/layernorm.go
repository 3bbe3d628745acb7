package model

import (
	"math"
	"sync"

	"github.com/hearth-app/hearth/engine/kernel"
)

// layerNorm writes (x-mean)/sqrt(var+eps) · w + b into dst, as ggml's norm
// followed by mul and add: the mean and the variance are summed in float64,
// the scale applied in float32, then the weight and the bias. dst may be x.
func layerNorm(dst, x, w, b []float32, eps float32) {
	n := len(x)
	var sum float64
	for _, v := range x {
		sum += float64(v)
	}
	mean := float32(sum) / float32(n)
	var sq float64
	for _, v := range x {
		d := v - mean
		sq += float64(d * d)
	}
	scale := 1 / float32(math.Sqrt(float64(float32(sq/float64(n))+eps)))
	dst, w, b = dst[:n], w[:n], b[:n]
	for i, v := range x {
		dst[i] = ((v-mean)*scale)*w[i] + b[i]
	}
}

// layerNormRows applies layerNorm to each of the n rows of x into dst, the
// rows shared among pool's threads.
func layerNormRows(pool *kernel.Pool, dst, x, w, b []float32, n, dim int, eps float32) {
	pool.For(n, 16, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			layerNorm(dst[t*dim:(t+1)*dim], x[t*dim:(t+1)*dim], w, b, eps)
		}
	})
}

// geluTable holds GELU (tanh approximation) of every binary16 value, rounded
// to binary16: ggml's CPU backend computes GELU through such a table.
var geluTable = sync.OnceValue(func() []float32 {
	t := make([]float32, 1<<16)
	for h := range t {
		x := kernel.FromF16(uint16(h))
		t[h] = kernel.RoundF16(geluTanh(x))
	}
	return t
})

// geluTanh is 0.5·x·(1+tanh(√(2/π)·x·(1+0.044715·x²))), operation by
// operation in float32 as ggml writes it.
func geluTanh(x float32) float32 {
	const coefA, sqrt2OverPi = float32(0.044715), float32(0.79788456080286535587989211986876)
	inner := float32(coefA*x) * x
	arg := float32(sqrt2OverPi*x) * float32(1+inner)
	th := float32(math.Tanh(float64(arg)))
	return float32(0.5*x) * float32(1+th)
}

// geluPar applies gelu to x, its parts shared among pool's threads.
func geluPar(pool *kernel.Pool, x []float32) {
	pool.For(len(x), 1<<14, func(lo, hi int) { gelu(x[lo:hi]) })
}

// gelu replaces each value of x by its GELU as ggml computes it: 0 below
// -10, x above 10, else the table entry of x rounded to binary16.
func gelu(x []float32) {
	t := geluTable()
	var bits [256]uint16
	for lo := 0; lo < len(x); lo += len(bits) {
		part := x[lo:min(lo+len(bits), len(x))]
		kernel.ToF16s(bits[:], part) // several times faster than one at a time
		for i, v := range part {
			switch {
			case v <= -10:
				part[i] = 0
			case v >= 10:
			default:
				part[i] = t[bits[i]]
			}
		}
	}
}
