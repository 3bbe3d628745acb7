//go:build arm64

package kernel

// Dispatch of the K-quant row products on arm64: Q4_K, Q5_K and Q6_K rows
// go to the NEON kernels in dot_k_arm64.s (with SDOT where the CPU has the
// dot product instructions). Each kernel does a
// whole row in one call; the slices are resliced to the row's super-block
// count first, so a short slice panics here in Go as the plain-Go kernel
// would, never in assembly.

// dotQ4_K multiplies a Q4_K row with Q8_K activations.
func dotQ4_K(row []byte, q []int8, d []float32, bs []int16) float32 {
	nb := len(d)
	if nb == 0 || !simd.Load().NEON {
		return dotQ4_KGeneric(row, q, d, bs)
	}
	row, q, bs = row[:nb*144], q[:nb*256], bs[:nb*16]
	if simd.Load().DotProd {
		return dotQ4_KSDOT(&row[0], &q[0], &d[0], &bs[0], nb)
	}
	return dotQ4_KNEON(&row[0], &q[0], &d[0], &bs[0], nb)
}

// dotQ5_K multiplies a Q5_K row with Q8_K activations.
func dotQ5_K(row []byte, q []int8, d []float32, bs []int16) float32 {
	nb := len(d)
	if nb == 0 || !simd.Load().NEON {
		return dotQ5_KGeneric(row, q, d, bs)
	}
	row, q, bs = row[:nb*176], q[:nb*256], bs[:nb*16]
	if simd.Load().DotProd {
		return dotQ5_KSDOT(&row[0], &q[0], &d[0], &bs[0], nb)
	}
	return dotQ5_KNEON(&row[0], &q[0], &d[0], &bs[0], nb)
}

// dotQ6_K multiplies a Q6_K row with Q8_K activations; the kernels subtract
// Q6_K's offset of 32 from each value in bytes, so they do not read bs.
func dotQ6_K(row []byte, q []int8, d []float32, bs []int16) float32 {
	nb := len(d)
	if nb == 0 || !simd.Load().NEON {
		return dotQ6_KGeneric(row, q, d)
	}
	row, q = row[:nb*210], q[:nb*256]
	if simd.Load().DotProd {
		return dotQ6_KSDOT(&row[0], &q[0], &d[0], nil, nb)
	}
	return dotQ6_KNEON(&row[0], &q[0], &d[0], nil, nb)
}

// The assembly kernels read nb ≥ 1 super-blocks of the row, nb·256
// activations, nb scales and (Q4_K, Q5_K) nb·16 sums. NEON kernels need Advanced
// SIMD; SDOT kernels also the ARMv8.2 dot product instructions.

//go:noescape
func dotQ4_KNEON(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ4_KSDOT(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ5_KNEON(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ5_KSDOT(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ6_KNEON(row *byte, q *int8, d *float32, bs *int16, nb int) float32

//go:noescape
func dotQ6_KSDOT(row *byte, q *int8, d *float32, bs *int16, nb int) float32
