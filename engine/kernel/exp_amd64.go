//go:build amd64

package kernel

// expShift runs the first len(x) &^ 7 values of ExpShift in AVX2 when the
// CPU has it and returns how many it did.
func expShift(x []float32, m float32) int {
	n := len(x) &^ 7
	if !simd.Load().AVX2 || n == 0 {
		return 0
	}
	expShiftAVX2(&x[0], m, n)
	return n
}

//go:noescape
func expShiftAVX2(x *float32, m float32, n int)
