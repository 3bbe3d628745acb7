package kernel

// The K-quant row products on amd64: AVX2 kernels in dot_k_amd64.s
// (dot_k_avx512_amd64.s for AVX-512), chosen per call from simd, with the
// plain-Go kernels of dot_k.go as the fallback. Each assembly function
// handles a whole row, every super-block of it, and sums the row in float32
// vector lanes with one horizontal sum at the end.
//
// The VNNI level runs the AVX-512 kernels. Its byte dot product (VPDPBUSD)
// sums four products into one int32, but the K-quant scales change every
// 16 or 32 values, so it would need a VPMULLD by the scales where the
// int16 pair sums of VPMADDUBSW take a VPMADDWD; only the following add
// could be saved (VPDPWSSD), which is not done yet.

// dotQ4_K multiplies a Q4_K row with Q8_K activations.
func dotQ4_K(row []byte, q []int8, d []float32, bs []int16) float32 {
	nb := len(d)
	if nb == 0 || !simd.Load().AVX2 {
		return dotQ4_KGeneric(row, q, d, bs)
	}
	_, _, _ = row[nb*144-1], q[nb*256-1], bs[nb*16-1]
	if simd.Load().AVX512 {
		return dotQ4_KAVX512(&row[0], &q[0], &d[0], &bs[0], nb)
	}
	return dotQ4_KAVX2(&row[0], &q[0], &d[0], &bs[0], nb)
}

// dotQ5_K multiplies a Q5_K row with Q8_K activations.
func dotQ5_K(row []byte, q []int8, d []float32, bs []int16) float32 {
	nb := len(d)
	if nb == 0 || !simd.Load().AVX2 {
		return dotQ5_KGeneric(row, q, d, bs)
	}
	_, _, _ = row[nb*176-1], q[nb*256-1], bs[nb*16-1]
	if simd.Load().AVX512 {
		return dotQ5_KAVX512(&row[0], &q[0], &d[0], &bs[0], nb)
	}
	return dotQ5_KAVX2(&row[0], &q[0], &d[0], &bs[0], nb)
}

// dotQ6_K multiplies a Q6_K row with Q8_K activations; the sums bs take
// the offset of 32 out of the products.
func dotQ6_K(row []byte, q []int8, d []float32, bs []int16) float32 {
	nb := len(d)
	if nb == 0 || !simd.Load().AVX2 {
		return dotQ6_KGeneric(row, q, d)
	}
	_, _, _ = row[nb*210-1], q[nb*256-1], bs[nb*16-1]
	if simd.Load().AVX512 {
		return dotQ6_KAVX512(&row[0], &q[0], &d[0], &bs[0], nb)
	}
	return dotQ6_KAVX2(&row[0], &q[0], &d[0], &bs[0], nb)
}

// The assembly kernels read nb super-blocks of the row, nb*256 activations,
// nb scales and nb*16 sums; the callers above check the lengths.

//go:noescape
func dotQ4_KAVX2(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ5_KAVX2(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ6_KAVX2(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ4_KAVX512(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ5_KAVX512(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ6_KAVX512(row *byte, q *int8, d *float32, bs *int16, nb int) float32
