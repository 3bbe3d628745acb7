package kernel

import (
	"encoding/binary"
	"math"
)

// Products of one row of a float type with float32 activations (already
// rounded to the row's precision for F16 and BF16, where every product is then
// exact in float32). Four partial sums, as a SIMD loop would keep lanes.
// dotF32, dotF16 and dotBF16 choose between these plain-Go loops and SIMD
// kernels (dot_float_amd64.go).

// dotF32Generic multiplies an F32 row in plain Go.
func dotF32Generic(row []byte, x []float32) float32 {
	var s0, s1, s2, s3 float32
	n := len(x) &^ 3
	for i := 0; i < n; i += 4 {
		w := row[4*i : 4*i+16]
		s0 += math.Float32frombits(binary.LittleEndian.Uint32(w[0:])) * x[i]
		s1 += math.Float32frombits(binary.LittleEndian.Uint32(w[4:])) * x[i+1]
		s2 += math.Float32frombits(binary.LittleEndian.Uint32(w[8:])) * x[i+2]
		s3 += math.Float32frombits(binary.LittleEndian.Uint32(w[12:])) * x[i+3]
	}
	for i := n; i < len(x); i++ {
		s0 += math.Float32frombits(binary.LittleEndian.Uint32(row[4*i:])) * x[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// dotF16Generic multiplies an F16 row in plain Go.
func dotF16Generic(row []byte, x []float32) float32 {
	var s0, s1, s2, s3 float32
	n := len(x) &^ 3
	for i := 0; i < n; i += 4 {
		w := row[2*i : 2*i+8]
		s0 += f16Table[le16(w[0:])] * x[i]
		s1 += f16Table[le16(w[2:])] * x[i+1]
		s2 += f16Table[le16(w[4:])] * x[i+2]
		s3 += f16Table[le16(w[6:])] * x[i+3]
	}
	for i := n; i < len(x); i++ {
		s0 += f16Table[le16(row[2*i:])] * x[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// dotBF16Generic multiplies a BF16 row in plain Go.
func dotBF16Generic(row []byte, x []float32) float32 {
	var s0, s1, s2, s3 float32
	n := len(x) &^ 3
	for i := 0; i < n; i += 4 {
		w := row[2*i : 2*i+8]
		s0 += fromBF16(le16(w[0:])) * x[i]
		s1 += fromBF16(le16(w[2:])) * x[i+1]
		s2 += fromBF16(le16(w[4:])) * x[i+2]
		s3 += fromBF16(le16(w[6:])) * x[i+3]
	}
	for i := n; i < len(x); i++ {
		s0 += fromBF16(le16(row[2*i:])) * x[i]
	}
	return (s0 + s1) + (s2 + s3)
}
