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

// dotRows sets dst[j] to the AVX2 part of Dot(x, row j) (the first
// len(x) &^ 7 elements) for the even number of rows len(dst) &^ 1, and
// returns how many elements and rows it did (0, 0 without AVX2).
func dotRows(dst, x, rows []float32, stride int) (m, n int) {
	m, n = len(x)&^7, len(dst)&^1
	if !simd.Load().AVX2 || m == 0 || n == 0 {
		return 0, 0
	}
	dotRowsAVX2(&dst[0], &x[0], &rows[0], stride, n, m)
	return m, n
}

//go:noescape
func dotRowsAVX2(dst *float32, x *float32, rows *float32, stride, n, m int)

//go:noescape
func axpyRowsAVX2(dst *float32, w *float32, rows *float32, stride, n, m int)
