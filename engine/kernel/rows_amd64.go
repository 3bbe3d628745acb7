//go:build amd64

package kernel

// dotF16Rows runs DotF16Rows in AVX2 when the CPU has it and len(x) is a
// multiple of 8 (the per-row path would add a tail of n mod 8 elements in
// Go), and reports whether it did. rows starts at the first row; the caller
// has checked that all rows lie inside it.
func dotF16Rows(dst []float32, rows []uint16, stride int, x []float32, scale float32) bool {
	hd := len(x)
	if !simd.Load().AVX2 || hd == 0 || hd%8 != 0 {
		return false
	}
	dotF16RowsAVX2(&dst[0], &rows[0], stride, len(dst), &x[0], hd, scale)
	return true
}

// axpyF16Rows runs AxpyF16Rows in AVX2 under the same conditions.
func axpyF16Rows(dst, w []float32, rows []uint16, stride int) bool {
	hd := len(dst)
	if !simd.Load().AVX2 || hd == 0 || hd%8 != 0 {
		return false
	}
	axpyF16RowsAVX2(&dst[0], &w[0], &rows[0], stride, len(w), hd)
	return true
}

// dotF16RowsAVX2 sets dst[j] = (dotF16AVX2(row j, x, hd) + 0)·scale for n > 0
// rows stride elements apart; the +0 is the empty Go tail of DotF16, which
// turns a -0 sum into +0. hd is a positive multiple of 8.
//
//go:noescape
func dotF16RowsAVX2(dst *float32, rows *uint16, stride, n int, x *float32, hd int, scale float32)

// axpyF16RowsAVX2 does axpyF16AVX2(dst, w[j], row j, hd) for the n > 0 rows
// in order, keeping up to 64 elements of dst in registers across the rows.
//
//go:noescape
func axpyF16RowsAVX2(dst *float32, w *float32, rows *uint16, stride, n, hd int)
