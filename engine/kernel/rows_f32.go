package kernel

// AxpyRows adds Σ w[j]·(row j) to dst, row by row in order of j, where row j
// is x[j·stride : j·stride+len(dst)]: the same, bit for bit, as Axpy(dst,
// w[j], row j) for each j in turn, but with dst kept in registers across
// the rows instead of read and written once per row. Attention over a
// transposed block of keys uses it: dst the scores, w the query.
func AxpyRows(dst, w, x []float32, stride int) {
	n, m := len(w), len(dst)
	if n == 0 || m == 0 {
		return
	}
	if stride < 0 {
		panic("kernel: negative stride")
	}
	_ = x[(n-1)*stride : (n-1)*stride+m]
	done := axpyRows(dst, w, x, stride)
	for j, a := range w {
		axpyVecGeneric(dst[done:], a, x[j*stride+done:j*stride+m])
	}
}

// DotRows sets dst[j] to Dot(x, row j) for j < len(dst), where row j is
// rows[j·stride : j·stride+len(x)]: bit for bit what Dot gives, but two rows
// at a time, so that each load of x serves both. Attention over a
// transposed block of values uses it: x the weights of the keys.
func DotRows(dst, x, rows []float32, stride int) {
	n, m := len(dst), len(x)
	if n == 0 {
		return
	}
	if stride < 0 {
		panic("kernel: negative stride")
	}
	_ = rows[(n-1)*stride : (n-1)*stride+m]
	done, paired := dotRows(dst, x, rows, stride)
	for j := range paired {
		dst[j] += dotVecGeneric(x[done:], rows[j*stride+done:j*stride+m])
	}
	for j := paired; j < n; j++ {
		dst[j] = Dot(x, rows[j*stride:j*stride+m])
	}
}
