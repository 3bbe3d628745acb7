package kernel_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/quant"
)

// BenchmarkMatVec multiplies a 2048x2048 matrix of each type with one
// vector (the decode step) on one and two threads; bytes/s is weight
// bandwidth.
func BenchmarkMatVec(b *testing.B) {
	const rows, cols = 2048, 2048
	for _, typ := range allTypes {
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", typ, threads), func(b *testing.B) {
				pool := kernel.NewPool(threads)
				defer pool.Close()
				r := rand.New(rand.NewPCG(1, 2))
				data, _ := quant.Quantize(typ, randomFloats(r, rows*cols, 0.05))
				m, _ := kernel.NewMatrix(typ, rows, cols, data)
				x := randomFloats(r, cols, 1)
				out := make([]float32, rows)
				var in kernel.Input
				b.SetBytes(int64(len(data)))
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					in.Set(x, 1, cols)
					if err := kernel.MatMul(pool, m, &in, out); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkMatMulBatch multiplies a 2048x2048 matrix with a batch of 64
// vectors (a prefill chunk) on two threads; the figure to watch is ns per
// vector.
func BenchmarkMatMulBatch(b *testing.B) {
	const rows, cols, n = 2048, 2048, 64
	for _, typ := range []quant.Type{quant.Q8_0, quant.Q4_0, quant.Q5_0, quant.Q4_1, quant.Q5_1, quant.Q4_K, quant.Q5_K, quant.Q6_K} {
		b.Run(typ.String(), func(b *testing.B) {
			pool := kernel.NewPool(2)
			defer pool.Close()
			r := rand.New(rand.NewPCG(1, 2))
			data, _ := quant.Quantize(typ, randomFloats(r, rows*cols, 0.05))
			m, _ := kernel.NewMatrix(typ, rows, cols, data)
			x := randomFloats(r, n*cols, 1)
			out := make([]float32, n*rows)
			var in kernel.Input
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				in.Set(x, n, cols)
				if err := kernel.MatMul(pool, m, &in, out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/vector")
		})
	}
}
