//go:build amd64

package kernel

// axpyQ8Rows runs AxpyQ8Rows in AVX2 (with FMA and F16C) when the CPU has
// it, and reports whether it did. rows starts at the first row, stride is
// in bytes; the caller has checked that all rows lie inside it.
func axpyQ8Rows(dst, w []float32, rows []byte, stride int) bool {
	if !simd.Load().AVX2 {
		return false
	}
	axpyQ8RowsAVX2(&dst[0], &w[0], &rows[0], stride, len(w), len(dst)/32)
	return true
}

// axpyQ8RowsAVX2 adds w[j]·(row j) to dst for the n > 0 rows in order, each
// row nb Q8_0 blocks, rows stride bytes apart: every block's values are
// converted to float32 and multiplied by its scale (q·d, rounded), then
// added times w[j] with one FMA, as ggml's dequantize-then-mad does. A
// block of dst stays in registers across the rows.
//
//go:noescape
func axpyQ8RowsAVX2(dst *float32, w *float32, rows *byte, stride, n, nb int)
