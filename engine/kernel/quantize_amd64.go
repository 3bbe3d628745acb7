//go:build amd64

package kernel

// quantizeQ8Fast runs quantizeQ8's blocks lo to hi with AVX-512 when the
// CPU has it, bit for bit the same, and reports whether it did.
func (in *Input) quantizeQ8Fast(lo, hi int) bool {
	if !simd.Load().AVX512 || hi <= lo {
		return false
	}
	x, q := in.X[lo*32:hi*32], in.q8[lo*32:hi*32]
	amax, sum := in.d8[lo:hi], in.s8[lo:hi]
	quantizeQ8AVX512(&x[0], &q[0], &amax[0], &sum[0], hi-lo)
	for b := range amax {
		d := amax[b] / 127
		amax[b], sum[b] = RoundF16(d), RoundF16(d*sum[b])
	}
	return true
}

//go:noescape
func quantizeQ8AVX512(x *float32, q *int8, amax *float32, sum *float32, nb int)
