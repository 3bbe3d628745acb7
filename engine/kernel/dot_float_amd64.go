//go:build amd64

package kernel

import "unsafe"

// Dispatch of the float products and vector operations to the AVX2 kernels
// in dot_float_amd64.s. The kernels take a multiple of 8 elements; the last
// n mod 8 go through the plain-Go loops. Slices are resliced to the element
// count first, so a short slice panics here in Go, never in assembly.

// dotF32 multiplies an F32 row with float32 activations.
func dotF32(row []byte, x []float32) float32 {
	n := len(x) &^ 7
	if !simd.Load().AVX2 || n == 0 {
		return dotF32Generic(row, x)
	}
	row = row[:4*len(x)]
	return dotF32AVX2(unsafe.Pointer(&row[0]), &x[0], n) + dotF32Generic(row[4*n:], x[n:])
}

// dotF16 multiplies an F16 row with activations rounded to binary16.
func dotF16(row []byte, x []float32) float32 {
	n := len(x) &^ 7
	if !simd.Load().AVX2 || n == 0 {
		return dotF16Generic(row, x)
	}
	row = row[:2*len(x)]
	return dotF16AVX2(unsafe.Pointer(&row[0]), &x[0], n) + dotF16Generic(row[2*n:], x[n:])
}

// dotBF16 multiplies a BF16 row with activations rounded to bfloat16.
func dotBF16(row []byte, x []float32) float32 {
	n := len(x) &^ 7
	if !simd.Load().AVX2 || n == 0 {
		return dotBF16Generic(row, x)
	}
	row = row[:2*len(x)]
	return dotBF16AVX2(unsafe.Pointer(&row[0]), &x[0], n) + dotBF16Generic(row[2*n:], x[n:])
}

// dotVec is Dot for len(b) == len(a).
func dotVec(a, b []float32) float32 {
	n := len(a) &^ 7
	if !simd.Load().AVX2 || n == 0 {
		return dotVecGeneric(a, b)
	}
	return dotF32AVX2(unsafe.Pointer(&a[0]), &b[0], n) + dotVecGeneric(a[n:], b[n:])
}

// axpyVec is Axpy for len(x) == len(dst).
func axpyVec(dst []float32, a float32, x []float32) {
	n := len(dst) &^ 7
	if !simd.Load().AVX2 || n == 0 {
		axpyVecGeneric(dst, a, x)
		return
	}
	axpyAVX2(&dst[0], a, &x[0], n)
	axpyVecGeneric(dst[n:], a, x[n:])
}

// dotVecF16 is DotF16 for len(x) == len(h).
func dotVecF16(h []uint16, x []float32) float32 {
	n := len(h) &^ 7
	if !simd.Load().AVX2 || n == 0 {
		return dotVecF16Generic(h, x)
	}
	return dotF16AVX2(unsafe.Pointer(&h[0]), &x[0], n) + dotVecF16Generic(h[n:], x[n:])
}

// axpyVecF16 is AxpyF16 for len(h) == len(dst).
func axpyVecF16(dst []float32, a float32, h []uint16) {
	n := len(dst) &^ 7
	if !simd.Load().AVX2 || n == 0 {
		axpyVecF16Generic(dst, a, h)
		return
	}
	axpyF16AVX2(&dst[0], a, &h[0], n)
	axpyVecF16Generic(dst[n:], a, h[n:])
}

// The kernels take n > 0, a multiple of 8, elements; w points at float32,
// binary16 or bfloat16 values. They need AVX2, FMA and F16C.

//go:noescape
func dotF32AVX2(w unsafe.Pointer, x *float32, n int) float32

//go:noescape
func dotF16AVX2(w unsafe.Pointer, x *float32, n int) float32

//go:noescape
func dotBF16AVX2(w unsafe.Pointer, x *float32, n int) float32

//go:noescape
func axpyAVX2(dst *float32, a float32, x *float32, n int)

//go:noescape
func axpyF16AVX2(dst *float32, a float32, h *uint16, n int)
