//go:build !amd64

package kernel

// axpyRows and dotRows have no SIMD kernels here: AxpyRows and DotRows do
// every element themselves.
func axpyRows(dst, w, x []float32, stride int) int { return 0 }

func dotRows(dst, x, rows []float32, stride int) (m, n int) { return 0, 0 }
