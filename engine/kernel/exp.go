package kernel

import "math"

// ExpShift sets x[i] to e^(x[i]-m) in float32 for every i, where m is at
// least every x[i] (a softmax's maximum), eight values at a time where the
// CPU has AVX2. Each value is, bit for bit, what expShiftOne gives: the
// argument split as n·ln2 + r, e^r by its Taylor series to the r^7 term,
// scaled by 2^n through the exponent bits; 0 below -87.33654, where e^x
// leaves float32's normal range.
func ExpShift(x []float32, m float32) {
	done := expShift(x, m)
	for i := done; i < len(x); i++ {
		x[i] = expShiftOne(x[i] - m)
	}
}

// expShiftOne is e^x for x <= 0 in plain Go, ExpShift's definition.
func expShiftOne(x float32) float32 {
	if x < -87.33654 {
		return 0
	}
	n := float32(int32(float32(x*1.4426950408889634) - 0.5))
	r := float32(x-float32(n*0.693359375)) + float32(n*2.12194440e-4)
	p := float32(r*(1.0/5040)) + 1.0/720
	p = float32(p*r) + 1.0/120
	p = float32(p*r) + 1.0/24
	p = float32(p*r) + 1.0/6
	p = float32(p*r) + 0.5
	p = float32(p*r) + 1
	p = float32(p*r) + 1
	return p * math.Float32frombits(uint32(int32(n)+127)<<23)
}
