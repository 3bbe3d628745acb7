package model

import (
	"math"

	"github.com/hearth-app/hearth/engine/kernel"
)

// expf returns e^x in float32 to within about one unit in the last place:
// x = n·ln2 + r with |r| <= ln2/2, e^r by its Taylor series to the r^7 term
// (the next term is below 6e-9 relative, under float32's precision), scaled
// by 2^n through the exponent bits. It is several times faster than
// math.Exp, which matters for attention's many scores.
func expf(x float32) float32 {
	switch {
	case x < -87.33654: // e^x underflows float32's normal range
		return 0
	case x > 88.72283:
		return float32(math.Inf(1))
	}
	const log2e, ln2hi, ln2lo = float32(1.4426950408889634), float32(0.693359375), float32(-2.12194440e-4)
	n := float32(math.Floor(float64(x*log2e + 0.5)))
	r := x - n*ln2hi - n*ln2lo
	p := float32(1.0 / 5040)
	p = p*r + 1.0/720
	p = p*r + 1.0/120
	p = p*r + 1.0/24
	p = p*r + 1.0/6
	p = p*r + 0.5
	p = p*r + 1
	p = p*r + 1
	if n > 127 { // 2^128 is not a float32: scale by 2 first
		p, n = p*2, n-1
	}
	return p * math.Float32frombits(uint32(int32(n)+127)<<23)
}

// softmax replaces x by exp(x-max)/Σ, the exponentials in float32 (expf's
// arithmetic, as expNonPos and kernel.ExpShift compute it), their sum in
// float64, as ggml's CPU softmax does with its own expf. Entries at -Inf
// become 0.
func softmax(x []float32) {
	m := float32(math.Inf(-1))
	for _, v := range x {
		if v > m {
			m = v
		}
	}
	kernel.ExpShift(x, m) // expNonPos(x[i]-m), bit for bit, in SIMD lanes
	var s0, s1 float64
	i := 0
	for ; i+1 < len(x); i += 2 {
		s0 += float64(x[i])
		s1 += float64(x[i+1])
	}
	for ; i < len(x); i++ {
		s0 += float64(x[i])
	}
	inv := float32(1 / (s0 + s1))
	for i := range x {
		x[i] *= inv
	}
}

// expNonPos is expf for x <= 0 (small enough to be inlined).
func expNonPos(x float32) float32 {
	if x < -87.33654 {
		return 0
	}
	n := float32(int32(x*1.4426950408889634 - 0.5))
	r := x - n*0.693359375 + n*2.12194440e-4
	p := ((((((r*(1.0/5040)+1.0/720)*r+1.0/120)*r+1.0/24)*r+1.0/6)*r+0.5)*r+1)*r + 1
	return p * math.Float32frombits(uint32(int32(n)+127)<<23)
}

// swiglu writes silu(gate)·up into dst, silu(x) = x/(1+e^-x) with the
// float32 exponential (written for x < 0 as x·e^x/(1+e^x), so that the
// exponential's argument is never positive).
func swiglu(dst, gate, up []float32) {
	up, dst = up[:len(gate)], dst[:len(gate)]
	for i, g := range gate {
		var s float32
		if g >= 0 {
			s = g / (1 + expNonPos(-g))
		} else {
			e := expNonPos(g)
			s = g * e / (1 + e)
		}
		dst[i] = s * up[i]
	}
}
