//go:build arm64

package kernel

// dotF16Rows runs DotF16Rows in NEON when len(x) is a multiple of 16 (the
// per-row path would add a tail of n mod 16 elements in Go), and reports
// whether it did. rows starts at the first row; the caller has checked that
// all rows lie inside it.
func dotF16Rows(dst []float32, rows []uint16, stride int, x []float32, scale float32) bool {
	hd := len(x)
	if !simd.Load().NEON || hd == 0 || hd%16 != 0 {
		return false
	}
	dotF16RowsNEON(&dst[0], &rows[0], stride, len(dst), &x[0], hd, scale)
	return true
}

// axpyF16Rows runs AxpyF16Rows in NEON under the same conditions.
func axpyF16Rows(dst, w []float32, rows []uint16, stride int) bool {
	hd := len(dst)
	if !simd.Load().NEON || hd == 0 || hd%16 != 0 {
		return false
	}
	axpyF16RowsNEON(&dst[0], &w[0], &rows[0], stride, len(w), hd)
	return true
}

// dotF16RowsNEON sets dst[j] = (dotF16NEON(row j, x, hd) + 0)·scale for n > 0
// rows stride elements apart; the +0 is the empty Go tail of DotF16, which
// turns a -0 sum into +0. hd is a positive multiple of 16.
//
//go:noescape
func dotF16RowsNEON(dst *float32, rows *uint16, stride, n int, x *float32, hd int, scale float32)

// axpyF16RowsNEON does axpyF16NEON(dst, w[j], row j, hd) for the n > 0 rows
// in order. It goes through dst 16 elements at a time, keeping them in
// registers across all the rows: each element sees the same fused
// multiply-adds in the same order as row after row would give it.
//
//go:noescape
func axpyF16RowsNEON(dst *float32, w *float32, rows *uint16, stride, n, hd int)
