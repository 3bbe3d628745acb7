package quant

import "math"

// F16ToF32 converts an IEEE 754 binary16 value to float32. Every binary16
// value is exactly representable; NaNs keep sign and payload and come out
// quiet, as ggml_fp16_to_fp32 and hardware converters do.
func F16ToF32(h uint16) float32 {
	if f, ok := f16Normal(h); ok {
		return f
	}
	return f16Special(h)
}

// f16Normal converts h when it is a normal number (exponent 1..30), the
// common case, cheaply enough to inline into the row loops.
func f16Normal(h uint16) (float32, bool) {
	em := uint32(h & 0x7fff) // exponent and mantissa
	return math.Float32frombits(uint32(h&0x8000)<<16 | (em<<13 + (127-15)<<23)), em-0x0400 < 0x7800
}

// f16Special converts the binary16 zeros, subnormals, infinities and NaNs.
func f16Special(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	em := uint32(h & 0x7fff)
	switch {
	case em > 0x7c00:
		return math.Float32frombits(sign | 0x7fc00000 | em<<13)
	case em == 0x7c00:
		return math.Float32frombits(sign | 0x7f800000)
	}
	// Zero or subnormal: em·2^-24, exact in float32.
	return math.Float32frombits(sign | math.Float32bits(float32(em)*0x1p-24))
}

// F32ToF16 converts f to IEEE 754 binary16, rounding to nearest even.
// Overflow gives ±Inf, tiny values become subnormals or ±0, and every NaN
// becomes the quiet NaN 0x7e00 with f's sign, exactly as ggml_fp32_to_fp16.
func F32ToF16(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int32(b>>23) & 0xff
	mant := b & 0x7fffff
	switch {
	case exp == 0xff && mant != 0:
		return sign | 0x7e00
	case exp == 0xff:
		return sign | 0x7c00
	case exp > 127+15:
		return sign | 0x7c00
	case exp < 127-25:
		return sign // below half of the smallest subnormal: rounds to zero
	case exp <= 127-15:
		return sign | f16Subnormal(mant|0x800000, uint32(126-exp))
	}
	q := uint32(exp-127+15)<<10 | mant>>13
	return sign | uint16(roundEven(q, mant&0x1fff, 0x1000))
}

// f16Subnormal rounds the 24-bit significand m, scaled by 2^-shift, to a
// binary16 subnormal (or the smallest normal, when rounding carries).
func f16Subnormal(m, shift uint32) uint16 {
	q := m >> shift
	rem := m & (1<<shift - 1)
	return uint16(roundEven(q, rem, 1<<(shift-1)))
}

// roundEven rounds the truncated value q up by one when the dropped bits rem
// exceed half, or equal half and q is odd.
func roundEven(q, rem, half uint32) uint32 {
	if rem > half || (rem == half && q&1 == 1) {
		q++
	}
	return q
}

// BF16ToF32 converts a bfloat16 value to float32 (exact).
func BF16ToF32(h uint16) float32 {
	return math.Float32frombits(uint32(h) << 16)
}

// F32ToBF16 converts f to bfloat16, rounding to nearest even; subnormals are
// kept, NaNs keep their sign and top payload bits and are made quiet, as
// ggml_fp32_to_bf16 does.
func F32ToBF16(f float32) uint16 {
	b := math.Float32bits(f)
	if b&0x7fffffff > 0x7f800000 {
		return uint16(b>>16) | 0x40
	}
	return uint16((b + 0x7fff + (b>>16)&1) >> 16)
}
