//go:build arm64

package kernel

import "unsafe"

// Dispatch of the float32, binary16 and bfloat16 products, Axpy and AxpyF16
// on arm64 to the NEON kernels in dot_float_arm64.s. The
// kernels take n, a multiple of 16, and the Go side does the rest; slices
// are resliced to their length first, so a short slice panics here in Go,
// never in assembly.

// dotF32 multiplies an F32 row with float32 activations.
func dotF32(row []byte, x []float32) float32 {
	n := len(x) &^ 15
	if !simd.Load().NEON || n == 0 {
		return dotF32Generic(row, x)
	}
	row = row[:4*len(x)]
	return dotF32NEON(unsafe.Pointer(&row[0]), &x[0], n) + dotF32Generic(row[4*n:], x[n:])
}

// dotVec is Dot for len(b) == len(a).
func dotVec(a, b []float32) float32 {
	n := len(a) &^ 15
	if !simd.Load().NEON || n == 0 {
		return dotVecGeneric(a, b)
	}
	b = b[:len(a)]
	return dotF32NEON(unsafe.Pointer(&a[0]), &b[0], n) + dotVecGeneric(a[n:], b[n:])
}

// axpyVec is Axpy for len(x) == len(dst).
func axpyVec(dst []float32, a float32, x []float32) {
	n := len(dst) &^ 15
	if !simd.Load().NEON || n == 0 {
		axpyVecGeneric(dst, a, x)
		return
	}
	x = x[:len(dst)]
	axpyNEON(&dst[0], a, &x[0], n)
	axpyVecGeneric(dst[n:], a, x[n:])
}

// dotF16 multiplies an F16 row with activations rounded to binary16.
func dotF16(row []byte, x []float32) float32 {
	n := len(x) &^ 15
	if !simd.Load().NEON || n == 0 {
		return dotF16Generic(row, x)
	}
	row = row[:2*len(x)]
	return dotF16NEON(unsafe.Pointer(&row[0]), &x[0], n) + dotF16Generic(row[2*n:], x[n:])
}

// dotBF16 multiplies a BF16 row with activations rounded to bfloat16.
func dotBF16(row []byte, x []float32) float32 {
	n := len(x) &^ 15
	if !simd.Load().NEON || n == 0 {
		return dotBF16Generic(row, x)
	}
	row = row[:2*len(x)]
	return dotBF16NEON(unsafe.Pointer(&row[0]), &x[0], n) + dotBF16Generic(row[2*n:], x[n:])
}

// dotVecF16 is DotF16 for len(x) == len(h).
func dotVecF16(h []uint16, x []float32) float32 {
	n := len(h) &^ 15
	if !simd.Load().NEON || n == 0 {
		return dotVecF16Generic(h, x)
	}
	x = x[:len(h)]
	return dotF16NEON(unsafe.Pointer(&h[0]), &x[0], n) + dotVecF16Generic(h[n:], x[n:])
}

// axpyVecF16 is AxpyF16 for len(h) == len(dst).
func axpyVecF16(dst []float32, a float32, h []uint16) {
	n := len(dst) &^ 15
	if !simd.Load().NEON || n == 0 {
		axpyVecF16Generic(dst, a, h)
		return
	}
	h = h[:len(dst)]
	axpyF16NEON(&dst[0], a, &h[0], n)
	axpyVecF16Generic(dst[n:], a, h[n:])
}

// dotF32NEON returns Σ w[i]·x[i] over n float32 values, n > 0 a multiple of 16.
//
//go:noescape
func dotF32NEON(w unsafe.Pointer, x *float32, n int) float32

// axpyNEON adds a·x to dst over n values, n > 0 a multiple of 16.
//
//go:noescape
func axpyNEON(dst *float32, a float32, x *float32, n int)

// dotF16NEON and dotBF16NEON return Σ w[i]·x[i] over n binary16 or bfloat16
// values w, n > 0 a multiple of 16.
//
//go:noescape
func dotF16NEON(w unsafe.Pointer, x *float32, n int) float32

//go:noescape
func dotBF16NEON(w unsafe.Pointer, x *float32, n int) float32

// axpyF16NEON adds a·h to dst over n binary16 values h, n > 0 a multiple of 16.
//
//go:noescape
func axpyF16NEON(dst *float32, a float32, h *uint16, n int)
