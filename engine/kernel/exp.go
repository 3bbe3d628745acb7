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

// expShiftOne is e^x for x <= 0 in plain Go, ExpShift's definition, written
// as the model package's expNonPos is so that the compiler treats both
// alike. The AVX2 kernel rounds every product before its sum, as Go does
// on amd64 below GOAMD64=v3; where Go fuses multiply-adds (arm64, v3) the
// plain-Go path is used on arm64, and a v3 build would differ in the last
// bits (the test would say so).
func expShiftOne(x float32) float32 {
	if x < -87.33654 {
		return 0
	}
	n := float32(int32(x*1.4426950408889634 - 0.5))
	r := x - n*0.693359375 + n*2.12194440e-4
	p := ((((((r*(1.0/5040)+1.0/720)*r+1.0/120)*r+1.0/24)*r+1.0/6)*r+0.5)*r+1)*r + 1
	return p * math.Float32frombits(uint32(int32(n)+127)<<23)
}
