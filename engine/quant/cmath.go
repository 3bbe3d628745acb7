package quant

import "math"

// This file holds the few C-on-x86-64 semantics that ggml's reference
// quantizers rely on, written out so that the Go code computes the same bits on
// every platform. See RATIONALE.md.

// magicRound is 1.5·2^23: adding it to a float32 of magnitude below 2^22 leaves
// the rounded integer in the low mantissa bits.
const magicRound = 12582912

// nearestInt rounds f to the nearest integer, ties to even, through the
// float32 mantissa as ggml's nearest_int does. It is only meaningful for
// |f| < 2^22; outside that range (and for NaN and Inf) it returns the same
// garbage ggml's does, which keeps the two bit-exact.
func nearestInt(f float32) int32 {
	v := float32(f) + magicRound
	i := int32(math.Float32bits(v))
	return (i & 0x007fffff) - 0x00400000
}

// truncInt32 converts f to int32 the way x86-64 CVTTSS2SI does, which is what
// C float-to-integer casts compile to there: truncation toward zero, and
// math.MinInt32 for NaN and values out of range. Go's own conversion leaves
// those cases implementation-defined.
func truncInt32(f float32) int32 {
	if f >= -2147483648 && f < 2147483648 {
		return int32(f)
	}
	return math.MinInt32
}

// truncInt8 is C's (int8_t)f on x86-64: a 32-bit truncating conversion whose
// low byte is kept.
func truncInt8(f float32) int8 {
	return int8(truncInt32(f))
}

// absf clears the sign bit of f, like C's fabsf.
func absf(f float32) float32 {
	return math.Float32frombits(math.Float32bits(f) &^ (1 << 31))
}

// roundf rounds half away from zero, like C's roundf.
func roundf(f float32) float32 {
	return float32(math.Round(float64(f)))
}

// sqrtf is C's sqrtf: the float64 square root of a float32 rounds to the same
// float32 as a correctly rounded float32 square root.
func sqrtf(f float32) float32 {
	return float32(math.Sqrt(float64(f)))
}

// cmax is C's MAX(a, b) macro: a > b ? a : b. Unlike Go's max it does not
// propagate NaN, and the reference quantizers depend on that.
func cmax(a, b float32) float32 {
	if a > b {
		return a
	}
	return b
}

// clamp limits v to [lo, hi] as MAX(lo, MIN(hi, v)) does.
func clamp(v, lo, hi int32) int32 {
	return max(lo, min(hi, v))
}
