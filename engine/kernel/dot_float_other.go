//go:build !amd64 && !arm64

package kernel

// Without SIMD kernels for this architecture the float products and vector
// operations are the plain-Go ones.

func dotF32(row []byte, x []float32) float32  { return dotF32Generic(row, x) }
func dotF16(row []byte, x []float32) float32  { return dotF16Generic(row, x) }
func dotBF16(row []byte, x []float32) float32 { return dotBF16Generic(row, x) }

func dotVec(a, b []float32) float32                   { return dotVecGeneric(a, b) }
func axpyVec(dst []float32, a float32, x []float32)   { axpyVecGeneric(dst, a, x) }
func dotVecF16(h []uint16, x []float32) float32       { return dotVecF16Generic(h, x) }
func axpyVecF16(dst []float32, a float32, h []uint16) { axpyVecF16Generic(dst, a, h) }
