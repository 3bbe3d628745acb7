//go:build amd64

package kernel

// axpyRows runs the first len(dst) &^ 7 columns of AxpyRows in AVX2 when
// the CPU has it and returns how many it did (0 without AVX2).
func axpyRows(dst, w, x []float32, stride int) int {
	m := len(dst) &^ 7
	if !simd.Load().AVX2 || m == 0 {
		return 0
	}
	axpyRowsAVX2(&dst[0], &w[0], &x[0], stride, len(w), m)
	return m
}

//go:noescape
func axpyRowsAVX2(dst *float32, w *float32, rows *float32, stride, n, m int)
