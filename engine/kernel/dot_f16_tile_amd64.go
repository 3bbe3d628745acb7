//go:build amd64

package kernel

import "unsafe"

// f16Tile is rowTile for F16 rows: the AVX-512 four-vector kernel, each
// result bit for bit dotF16's, or nil below that level.
func f16Tile(in *Input) func(row []byte, t int, out []float32, stride int) {
	c := in.Cols
	n := c &^ 7
	if !simd.Load().AVX2 || !simd.Load().AVX512 || n == 0 {
		return nil
	}
	if n == c {
		// dotF16's empty Go tail adds 0, which turns a -0 sum into +0.
		return func(row []byte, t int, out []float32, stride int) {
			x := in.round[t*c : (t+4)*c]
			var four [4]float32
			dotF16AVX512x4(unsafe.Pointer(&row[:2*c][0]), &x[0], c, n, &four)
			out[0], out[stride], out[2*stride], out[3*stride] = four[0]+0, four[1]+0, four[2]+0, four[3]+0
		}
	}
	return func(row []byte, t int, out []float32, stride int) {
		x := in.round[t*c : (t+4)*c]
		row = row[:2*c]
		var four [4]float32
		dotF16AVX512x4(unsafe.Pointer(&row[0]), &x[0], c, n, &four)
		for k, v := range four {
			out[k*stride] = v + dotF16Generic(row[2*n:], x[k*c+n:(k+1)*c])
		}
	}
}

// dotF16AVX512x4 multiplies n (a multiple of 8, at least 8) binary16 values
// at w with the n float32 values of each of four vectors, the first at x
// and each stride values after the previous. It needs AVX2, FMA, F16C and
// AVX-512 F and VL.
//
//go:noescape
func dotF16AVX512x4(w unsafe.Pointer, x *float32, stride int, n int, out *[4]float32)
