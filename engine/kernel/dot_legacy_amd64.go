//go:build amd64

package kernel

// Dispatch of the 32-element-block products to the assembly kernels in
// dot_legacy_amd64.s and dot_legacy_q5_amd64.s (AVX2) and
// dot_legacy_avx512_amd64.s and dot_q5_avx512_amd64.s (AVX-512 VNNI). Each
// kernel does a whole row in one call; the slices are resliced to the row's
// block count first, so a short slice panics here in Go as the plain-Go
// kernel would, never in assembly.

// dotQ4_0 multiplies a Q4_0 row with Q8_0 activations.
func dotQ4_0(row []byte, q []int8, d []float32) float32 {
	nb := len(d)
	if !simd.Load().AVX2 || nb == 0 {
		return dotQ4_0Generic(row, q, d)
	}
	row, q = row[:nb*18], q[:nb*32]
	if simd.Load().VNNI {
		return dotQ4_0VNNI(&row[0], &q[0], &d[0], nb)
	}
	return dotQ4_0AVX2(&row[0], &q[0], &d[0], nb)
}

// dotQ4_1 multiplies a Q4_1 row with Q8_1 activations.
func dotQ4_1(row []byte, q []int8, d, s []float32) float32 {
	nb := len(d)
	if !simd.Load().AVX2 || nb == 0 {
		return dotQ4_1Generic(row, q, d, s)
	}
	row, q, s = row[:nb*20], q[:nb*32], s[:nb]
	return dotQ4_1AVX2(&row[0], &q[0], &d[0], &s[0], nb)
}

// dotQ5_0 multiplies a Q5_0 row with Q8_0 activations.
func dotQ5_0(row []byte, q []int8, d []float32) float32 {
	nb := len(d)
	if !simd.Load().AVX2 || nb == 0 {
		return dotQ5_0Generic(row, q, d)
	}
	row, q = row[:nb*22], q[:nb*32]
	if simd.Load().VNNI {
		return dotQ5_0VNNI(&row[0], &q[0], &d[0], nb)
	}
	return dotQ5_0AVX2(&row[0], &q[0], &d[0], nb)
}

// dotQ5_1 multiplies a Q5_1 row with Q8_1 activations.
func dotQ5_1(row []byte, q []int8, d, s []float32) float32 {
	nb := len(d)
	if !simd.Load().AVX2 || nb == 0 {
		return dotQ5_1Generic(row, q, d, s)
	}
	row, q, s = row[:nb*24], q[:nb*32], s[:nb]
	return dotQ5_1AVX2(&row[0], &q[0], &d[0], &s[0], nb)
}

// dotQ8_0 multiplies a Q8_0 row with Q8_0 activations.
func dotQ8_0(row []byte, q []int8, d []float32) float32 {
	nb := len(d)
	if !simd.Load().AVX2 || nb == 0 {
		return dotQ8_0Generic(row, q, d)
	}
	row, q = row[:nb*34], q[:nb*32]
	if simd.Load().VNNI {
		return dotQ8_0VNNI(&row[0], &q[0], &d[0], nb)
	}
	return dotQ8_0AVX2(&row[0], &q[0], &d[0], nb)
}

// The kernels take nb ≥ 1 blocks: a row of nb blocks, nb·32 activation
// bytes, nb activation scales and, for Q4_1 and Q5_1, nb activation sums. AVX2 kernels need
// AVX2, FMA and F16C; VNNI kernels also AVX-512 F, BW, VL and VNNI.

//go:noescape
func dotQ4_0AVX2(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ8_0AVX2(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ4_0VNNI(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ5_0VNNI(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ8_0VNNI(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ4_1AVX2(row *byte, q *int8, d, s *float32, nb int) float32

//go:noescape
func dotQ5_0AVX2(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ5_1AVX2(row *byte, q *int8, d, s *float32, nb int) float32
