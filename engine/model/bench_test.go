package model_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
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
			benchDecode(b, m.NewSession(0, pool), []int32{1, 2, 3, 4})
		})
	}
}

// benchDecode measures one decode step of s after the prompt, starting over
// from the prompt every 1,000 tokens.
func benchDecode(b *testing.B, s *model.Session, prompt []int32) {
	if _, err := s.Forward(prompt, false); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if len(s.Tokens()) >= 1000 {
			s.Truncate(len(prompt))
		}
		if _, err := s.Forward([]int32{int32(100 + i%1000)}, false); err != nil {
			b.Fatal(err)
		}
	}
}

// benchThreads is HEARTH_BENCH_THREADS, or 1.
func benchThreads() int {
	if n, err := strconv.Atoi(os.Getenv("HEARTH_BENCH_THREADS")); err == nil && n > 0 {
		return n
	}
	return 1
}

// moeBench has the layer shape of Qwen3-30B-A3B (dim 2048, 32 query and 4
// KV heads of 128, experts of 768 with 8 routed per token) with 64 instead
// of 128 experts and 3 of its 48 layers, so that the file stays small.
func moeBench() modelgen.Spec {
	vocab, pre, _ := vocabFor("qwen3moe")
	return modelgen.Spec{Arch: "qwen3moe", Dim: 2048, Layers: 3, Heads: 32, KVHeads: 4, HeadDim: 128,
		FFN: 768, Experts: 64, ExpertsUsed: 8, ExpertFFN: 768, Context: 1024,
		Mix: "Q4_K_M", Seed: 1, Vocab: vocab, Pre: pre}
}

// BenchmarkMoE measures a decode step and a 64-token prefill of a mixture
// of experts (moeBench) on HEARTH_BENCH_THREADS threads: where handing each
// routed expert's products to the threads one at a time shows.
func BenchmarkMoE(b *testing.B) {
	path := benchModel(b, "qwen3moe-bench", moeBench())
	m, err := model.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	pool := kernel.NewPool(benchThreads())
	defer pool.Close()
	prompt := make([]int32, 64)
	for i := range prompt {
		prompt[i] = int32(100 + 53*i)
	}
	b.Run("decode", func(b *testing.B) { benchDecode(b, m.NewSession(0, pool), prompt[:4]) })
	b.Run("prefill64", func(b *testing.B) {
		s := m.NewSession(0, pool)
		for i := 0; i < b.N; i++ {
			s.Truncate(0)
			if _, err := s.Forward(prompt, false); err != nil {
				b.Fatal(err)
			}
		}
	})
}
