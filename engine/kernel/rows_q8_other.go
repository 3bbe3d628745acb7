//go:build !amd64

package kernel

// axpyQ8Rows has no SIMD kernel here; AxpyQ8Rows dequantizes in Go.
func axpyQ8Rows(dst, w []float32, rows []byte, stride int) bool { return false }
