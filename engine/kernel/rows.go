package kernel

// Products of one float32 vector with many rows of an F16 cache, for
// attention: row j of the cache starts at element j·stride+offset. One call
// covers all the rows, so the per-call dispatch that dominates a 64-element
// DotF16 or AxpyF16 is paid once. Every row's result is bit for bit what the
// per-row DotF16 and AxpyF16 give at the same feature level.

// DotF16Rows sets dst[j] to DotF16(row j, x)·scale for j < len(dst), where
// row j is cache[j·stride+offset : j·stride+offset+len(x)].
func DotF16Rows(dst []float32, cache []uint16, stride, offset int, x []float32, scale float32) {
	n, hd := len(dst), len(x)
	if n == 0 {
		return
	}
	checkRows(cache, stride, offset, n, hd)
	if dotF16Rows(dst, cache[offset:], stride, x, scale) {
		return
	}
	for j := range dst {
		o := j*stride + offset
		dst[j] = DotF16(cache[o:o+hd], x) * scale
	}
}

// AxpyF16Rows adds Σ w[j]·(row j) to dst, row by row in order of j, where
// row j is cache[j·stride+offset : j·stride+offset+len(dst)]: the same as
// AxpyF16(dst, w[j], row j) for each j in turn.
func AxpyF16Rows(dst, w []float32, cache []uint16, stride, offset int) {
	n, hd := len(w), len(dst)
	if n == 0 {
		return
	}
	checkRows(cache, stride, offset, n, hd)
	if axpyF16Rows(dst, w, cache[offset:], stride) {
		return
	}
	for j, a := range w {
		o := j*stride + offset
		AxpyF16(dst, a, cache[o:o+hd])
	}
}

// checkRows panics unless rows 0..n-1 of hd elements lie inside cache, so
// that the kernels never read outside it.
func checkRows(cache []uint16, stride, offset, n, hd int) {
	if stride < 0 || offset < 0 {
		panic("kernel: negative stride or offset")
	}
	last := (n-1)*stride + offset
	_ = cache[last : last+hd]
}
