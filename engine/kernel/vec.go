package kernel

import (
	"math"

	"github.com/hearth-app/hearth/engine/quant"
)

// RMSNorm writes x/sqrt(mean(x²)+eps) · w into dst, as ggml's rms_norm
// followed by mul: the mean is summed in float64, the scale applied in
// float32, then the weight. dst may be x.
func RMSNorm(dst, x, w []float32, eps float32) {
	var sum float64
	for _, v := range x {
		sum += float64(v * v)
	}
	mean := float32(sum / float64(len(x)))
	scale := 1 / float32(math.Sqrt(float64(mean+eps)))
	w = w[:len(x)]
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = (v * scale) * w[i]
	}
}

// Softmax replaces x by exp(x-max)/Σ, summing in float64 as ggml does.
// Entries at -Inf (masked) become 0.
func Softmax(x []float32) {
	m := float32(math.Inf(-1))
	for _, v := range x {
		m = max(m, v)
	}
	var sum float64
	for i, v := range x {
		e := float32(math.Exp(float64(v - m)))
		x[i] = e
		sum += float64(e)
	}
	inv := float32(1 / sum)
	for i := range x {
		x[i] *= inv
	}
}

// SwiGLU writes silu(gate)·up into dst, silu(g) = g/(1+exp(-g)).
func SwiGLU(dst, gate, up []float32) {
	up = up[:len(gate)]
	dst = dst[:len(gate)]
	for i, g := range gate {
		dst[i] = g / (1 + float32(math.Exp(float64(-g)))) * up[i]
	}
}

// Add adds x to dst element by element.
func Add(dst, x []float32) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] += x[i]
	}
}

// Dot returns Σ a[i]·b[i] in float32, in SIMD lanes where the CPU has them
// (else four partial sums).
func Dot(a, b []float32) float32 { return dotVec(a, b[:len(a)]) }

// dotVecGeneric is Dot in plain Go, with four partial sums.
func dotVecGeneric(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	n := len(a) &^ 3
	for i := 0; i < n; i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for i := n; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// Axpy adds a·x to dst (with fused multiply-adds where the CPU has them).
func Axpy(dst []float32, a float32, x []float32) { axpyVec(dst, a, x[:len(dst)]) }

// axpyVecGeneric is Axpy in plain Go.
func axpyVecGeneric(dst []float32, a float32, x []float32) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] += a * x[i]
	}
}

// DotF16 returns Σ h[i]·x[i] for binary16 values h (a row of an F16 KV cache)
// and float32 values x, in float32, in SIMD lanes where the CPU has them
// (else four partial sums).
func DotF16(h []uint16, x []float32) float32 { return dotVecF16(h, x[:len(h)]) }

// dotVecF16Generic is DotF16 in plain Go, with four partial sums.
func dotVecF16Generic(h []uint16, x []float32) float32 {
	x = x[:len(h)]
	var s0, s1, s2, s3 float32
	n := len(h) &^ 3
	for i := 0; i < n; i += 4 {
		s0 += f16Table[h[i]] * x[i]
		s1 += f16Table[h[i+1]] * x[i+1]
		s2 += f16Table[h[i+2]] * x[i+2]
		s3 += f16Table[h[i+3]] * x[i+3]
	}
	for i := n; i < len(h); i++ {
		s0 += f16Table[h[i]] * x[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// AxpyF16 adds a·h to dst for binary16 values h (with fused multiply-adds
// where the CPU has them).
func AxpyF16(dst []float32, a float32, h []uint16) { axpyVecF16(dst, a, h[:len(dst)]) }

// axpyVecF16Generic is AxpyF16 in plain Go.
func axpyVecF16Generic(dst []float32, a float32, h []uint16) {
	h = h[:len(dst)]
	for i := range dst {
		dst[i] += a * f16Table[h[i]]
	}
}

// ToF16Slice rounds src to binary16 into dst.
func ToF16Slice(dst []uint16, src []float32) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] = quant.F32ToF16(src[i])
	}
}
