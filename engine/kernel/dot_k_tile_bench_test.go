package kernel

import (
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/quant"
)

// BenchmarkKRowKernelsBatch times a K-quant row of 4096 elements times 4
// vectors, one vector at a time and four at once, side by side in one run.
// bytes/s counts weight bytes, once per vector.
func BenchmarkKRowKernelsBatch(b *testing.B) {
	const n = 4096
	for _, typ := range kTileTypes {
		r := rand.New(rand.NewPCG(1, 2))
		row, _ := quant.Quantize(typ, randomFloats(r, n))
		var in Input
		in.Set(randomFloats(r, 4*n), 4, n)
		in.prepare(formQ8K)
		b.Run(typ.String()+"/one at a time", func(b *testing.B) {
			b.SetBytes(int64(4 * len(row)))
			for b.Loop() {
				for v := range 4 {
					kDotOne(typ, &in, row, v)
				}
			}
		})
		b.Run(typ.String()+"/four at once", func(b *testing.B) {
			tile := rowTile(typ, &in)
			if tile == nil {
				b.Skip("no four-vector kernel on this CPU")
			}
			four := make([]float32, 4)
			b.SetBytes(int64(4 * len(row)))
			for b.Loop() {
				tile(row, 0, four, 1)
			}
		})
	}
}
