package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// TestF16TileEqualsSingleVector checks that the F16 four-vector kernel gives
// each vector bit for bit what dotF16 gives at the same feature level, for
// every group of four vectors, for widths with and without a remainder
// after the multiples of 32 and of 8, written with a stride as MatMul does.
func TestF16TileEqualsSingleVector(t *testing.T) {
	for _, cols := range []int{8, 13, 40, 100, 264, 768} {
		t.Run(fmt.Sprintf("cols=%d", cols), func(t *testing.T) {
			forEachLevel(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(16, uint64(cols)))
				for _, n := range []int{4, 5, 7} {
					var in Input
					in.Set(randomFloats(r, n*cols), n, cols)
					in.prepare(formF16)
					tile := rowTile(quant.F16, &in)
					if tile == nil {
						t.Skip("no four-vector F16 kernel at this level")
					}
					checkF16Tile(t, r, &in, tile)
				}
			})
		})
	}
}

// checkF16Tile multiplies random F16 rows with vectors t..t+3 of in for
// every t that fits and compares with one-vector products.
func checkF16Tile(t *testing.T, r *rand.Rand, in *Input, tile func([]byte, int, []float32, int)) {
	t.Helper()
	const stride = 3
	c := in.Cols
	for range 5 {
		row, err := quant.Quantize(quant.F16, randomFloats(r, c))
		if err != nil {
			t.Fatal(err)
		}
		for t0 := 0; t0+4 <= in.N; t0++ {
			out := make([]float32, 4*stride)
			tile(row, t0, out, stride)
			for k := range 4 {
				want := dotF16(row, in.f16[(t0+k)*c:(t0+k+1)*c])
				if got := out[k*stride]; math.Float32bits(got) != math.Float32bits(want) {
					t.Fatalf("vectors %d-%d of %d, vector %d: four at once %g, alone %g", t0, t0+3, in.N, t0+k, got, want)
				}
			}
		}
	}
}
