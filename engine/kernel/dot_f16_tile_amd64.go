//go:build amd64

package kernel

import "unsafe"

// tilesF16 are the F16 tiles, listed in typeTraits.
var tilesF16 = []tile{{needs: Features{AVX2: true, AVX512: true}, minCols: 8, run: f16AVX512x4}}

// f16AVX512x4 multiplies an F16 row with four vectors rounded to binary16,
// each result bit for bit dotF16's: the kernel does the multiples of 8, Go
// the rest.
func f16AVX512x4(row []byte, a *operand, out []float32, stride int) {
	c := len(a.x) / tileVectors
	n := c &^ 7
	row = row[:2*c]
	var four [4]float32
	dotF16AVX512x4(unsafe.Pointer(&row[0]), &a.x[0], c, n, &four)
	if n == c {
		// dotF16's empty Go tail adds 0, which turns a -0 sum into +0.
		four[0], four[1], four[2], four[3] = four[0]+0, four[1]+0, four[2]+0, four[3]+0
	} else {
		for k := range four {
			four[k] += dotF16Generic(row[2*n:], a.x[k*c+n:(k+1)*c])
		}
	}
	storeFour(&four, out, stride)
}

// dotF16AVX512x4 multiplies n (a multiple of 8, at least 8) binary16 values
// at w with the n float32 values of each of four vectors, the first at x
// and each stride values after the previous. It needs AVX2, FMA, F16C and
// AVX-512 F and VL.
//
//go:noescape
func dotF16AVX512x4(w unsafe.Pointer, x *float32, stride int, n int, out *[4]float32)
