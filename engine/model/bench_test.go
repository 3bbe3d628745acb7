package model_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/quant"
)

// BenchmarkDecode125M measures one decode step of the ~125M-parameter
// llama model on one thread (the model is generated once into a cache
// directory).
func BenchmarkDecode125M(b *testing.B) {
	for _, c := range []struct {
		name string
		typ  quant.Type
		mix  string
	}{{"Q4_K_M", 0, "Q4_K_M"}, {"Q8_0", quant.Q8_0, ""}, {"F16", quant.F16, ""}} {
		b.Run(c.name, func(b *testing.B) {
			path := benchModel(b, "llama125M-"+c.name, llama125M(c.typ, c.mix))
			m, err := model.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			defer m.Close()
			pool := kernel.NewPool(benchThreads())
			defer pool.Close()
			s := m.NewSession(0, pool)
			if _, err := s.Forward([]int32{1, 2, 3, 4}, false); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if len(s.Tokens()) >= 1000 {
					s.Truncate(4)
				}
				if _, err := s.Forward([]int32{int32(100 + i%1000)}, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchThreads is HEARTH_BENCH_THREADS, or 1.
func benchThreads() int {
	if n, err := strconv.Atoi(os.Getenv("HEARTH_BENCH_THREADS")); err == nil && n > 0 {
		return n
	}
	return 1
}
