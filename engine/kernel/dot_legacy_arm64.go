//go:build arm64

package kernel

// Dispatch of the 32-element-block products on arm64: every type's rows go
// to the NEON kernels in dot_legacy_arm64.s (with SDOT where the CPU has the
// dot product instructions). Each
// kernel does a whole row in one call; the slices are resliced to the row's
// block count first, so a short slice panics here in Go as the plain-Go
// kernel would, never in assembly.

// dotQ4_0 multiplies a Q4_0 row with Q8_0 activations.
func dotQ4_0(row []byte, q []int8, d []float32) float32 {
	nb := len(d)
	if !simd.Load().NEON || nb == 0 {
		return dotQ4_0Generic(row, q, d)
	}
	row, q = row[:nb*18], q[:nb*32]
	if simd.Load().DotProd {
		return dotQ4_0SDOT(&row[0], &q[0], &d[0], nb)
	}
	return dotQ4_0NEON(&row[0], &q[0], &d[0], nb)
}

// dotQ8_0 multiplies a Q8_0 row with Q8_0 activations.
func dotQ8_0(row []byte, q []int8, d []float32) float32 {
	nb := len(d)
	if !simd.Load().NEON || nb == 0 {
		return dotQ8_0Generic(row, q, d)
	}
	row, q = row[:nb*34], q[:nb*32]
	if simd.Load().DotProd {
		return dotQ8_0SDOT(&row[0], &q[0], &d[0], nb)
	}
	return dotQ8_0NEON(&row[0], &q[0], &d[0], nb)
}

// dotQ4_1 multiplies a Q4_1 row with Q8_1 activations.
func dotQ4_1(row []byte, q []int8, d, s []float32) float32 {
	nb := len(d)
	if !simd.Load().NEON || nb == 0 {
		return dotQ4_1Generic(row, q, d, s)
	}
	row, q, s = row[:nb*20], q[:nb*32], s[:nb]
	if simd.Load().DotProd {
		return dotQ4_1SDOT(&row[0], &q[0], &d[0], &s[0], nb)
	}
	return dotQ4_1NEON(&row[0], &q[0], &d[0], &s[0], nb)
}

// dotQ5_0 multiplies a Q5_0 row with Q8_0 activations.
func dotQ5_0(row []byte, q []int8, d []float32) float32 {
	nb := len(d)
	if !simd.Load().NEON || nb == 0 {
		return dotQ5_0Generic(row, q, d)
	}
	row, q = row[:nb*22], q[:nb*32]
	if simd.Load().DotProd {
		return dotQ5_0SDOT(&row[0], &q[0], &d[0], nb)
	}
	return dotQ5_0NEON(&row[0], &q[0], &d[0], nb)
}

// dotQ5_1 multiplies a Q5_1 row with Q8_1 activations.
func dotQ5_1(row []byte, q []int8, d, s []float32) float32 {
	nb := len(d)
	if !simd.Load().NEON || nb == 0 {
		return dotQ5_1Generic(row, q, d, s)
	}
	row, q, s = row[:nb*24], q[:nb*32], s[:nb]
	if simd.Load().DotProd {
		return dotQ5_1SDOT(&row[0], &q[0], &d[0], &s[0], nb)
	}
	return dotQ5_1NEON(&row[0], &q[0], &d[0], &s[0], nb)
}

// The kernels take nb ≥ 1 blocks: a row of nb blocks, nb·32 activation
// bytes, nb activation scales and, for Q4_1 and Q5_1, nb activation sums.
// NEON kernels need Advanced SIMD; SDOT kernels also the ARMv8.2 dot product
// instructions.

//go:noescape
func dotQ8_0NEON(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ8_0SDOT(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ4_0NEON(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ4_0SDOT(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ5_0NEON(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ5_0SDOT(row *byte, q *int8, d *float32, nb int) float32

//go:noescape
func dotQ4_1NEON(row *byte, q *int8, d, s *float32, nb int) float32

//go:noescape
func dotQ4_1SDOT(row *byte, q *int8, d, s *float32, nb int) float32

//go:noescape
func dotQ5_1NEON(row *byte, q *int8, d, s *float32, nb int) float32

//go:noescape
func dotQ5_1SDOT(row *byte, q *int8, d, s *float32, nb int) float32
