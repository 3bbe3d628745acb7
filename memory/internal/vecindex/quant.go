package vecindex

import (
	"errors"
	"math"
)

// ErrVector reports a vector that cannot be indexed: wrong length, a
// non-finite component, or all zeros.
var ErrVector = errors.New("vecindex: bad vector")

// levels is the largest code magnitude: codes lie in [-127, 127], so a
// code never overflows when negated and the scale is symmetric.
const levels = 127

// quantize L2-normalises v and writes its int8 codes to dst (len(v)
// long), returning the scale s such that v/|v| ≈ s·dst. Each component's
// error is at most s/2, and s = max|v_i|/(127·|v|) ≤ 1/127.
func quantize(dst []int8, v []float32) (float32, error) {
	var norm2, maxAbs float64
	for _, x := range v {
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, ErrVector
		}
		norm2 += f * f
		maxAbs = max(maxAbs, math.Abs(f))
	}
	if norm2 == 0 {
		return 0, ErrVector
	}
	norm := math.Sqrt(norm2)
	scale := maxAbs / norm / levels
	for i, x := range v {
		dst[i] = int8(math.Round(float64(x) / norm / scale))
	}
	return float32(scale), nil
}

// ErrorBound bounds |cos(a,b) − Score| for one pair of dim-dimensional
// vectors quantised with scales sa and sb. Writing a = sa·qa + ea and
// b = sb·qb + eb with |ea_i| ≤ sa/2, |eb_i| ≤ sb/2 and |a| = |b| = 1:
// a·b − sa·sb·qa·qb = a·eb + ea·(b − eb), and |a·eb| ≤ |a|₁·sb/2 ≤
// √dim·sb/2, |ea·(b−eb)| ≤ (sa/2)·(|b|₁ + dim·sb/2) ≤ (sa/2)·(√dim +
// dim·sb/2). In practice the errors cancel and the real error is far
// smaller (RATIONALE.md has measurements).
func ErrorBound(dim int, sa, sb float32) float64 {
	d, a, b := float64(dim), float64(sa), float64(sb)
	return math.Sqrt(d)*b/2 + a/2*(math.Sqrt(d)+d*b/2)
}

// Kernel computes out[j] = Σ_i q[i]·codes[j·len(q)+i] for every j <
// len(out): the dot products of q with len(out) consecutive code vectors.
// Any Kernel must return exactly these integers. DotBlock is plain Go;
// memory cannot import the engine, so a caller holding a SIMD kernel
// (VPDPBUSD, SDOT) passes it in with Index.UseKernel.
type Kernel func(q, codes []int8, out []int32)

// DotBlock is the plain-Go Kernel.
func DotBlock(q, codes []int8, out []int32) {
	d := len(q)
	for j := range out {
		out[j] = dot(q, codes[j*d:(j+1)*d])
	}
}

// dot returns the int32 dot product of two equally long code vectors.
// The re-slice lets the compiler drop the bounds check on b. Go does not
// vectorise this loop; unrolling it into eight accumulators measured no
// faster (BenchmarkDot), so it stays plain. A sum of ≤ MaxDim products of
// magnitude ≤ 128² cannot overflow int32.
func dot(a, b []int8) int32 {
	b = b[:len(a)]
	var s int32
	for i := range a {
		s += int32(a[i]) * int32(b[i])
	}
	return s
}
