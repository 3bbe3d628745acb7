//go:build !amd64 && !arm64

package kernel

// dotF16Rows and axpyF16Rows have no SIMD kernels here; the callers loop
// over the rows with DotF16 and AxpyF16.
func dotF16Rows(dst []float32, rows []uint16, stride int, x []float32, scale float32) bool {
	return false
}

func axpyF16Rows(dst, w []float32, rows []uint16, stride int) bool { return false }
