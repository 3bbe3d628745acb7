package model_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
	"github.com/hearth-app/hearth/engine/sample"
)

// benchModel returns a generated model for speed measurements, written once
// into a cache directory under the system's temporary directory.
func benchModel(t testing.TB, name string, s modelgen.Spec) string {
	t.Helper()
	dir := filepath.Join(os.TempDir(), "hearth-bench-models")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".gguf")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	start := time.Now()
	if err := modelgen.Write(path, s); err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %s in %s", name, time.Since(start).Round(time.Millisecond))
	return path
}

// llama125M is a llama model of about 125M parameters (dim 768, 12 layers,
// 12 heads, 4 KV heads, FFN 2048, 32000-token vocabulary).
func llama125M(typ quant.Type, mix string) modelgen.Spec {
	vocab, _, _ := vocabFor("llama")
	return modelgen.Spec{Arch: "llama", Dim: 768, Layers: 12, Heads: 12, KVHeads: 4, FFN: 2048, Context: 1024,
		Type: typ, Mix: mix, Seed: 1, Vocab: vocab}
}

// tinyLlama has TinyLlama 1.1B's shape: dim 2048, 22 layers, 32 heads, 4 KV
// heads, FFN 5632, 32000 tokens, context 2048.
func tinyLlama() modelgen.Spec {
	vocab, _, _ := vocabFor("llama")
	return modelgen.Spec{Arch: "llama", Dim: 2048, Layers: 22, Heads: 32, KVHeads: 4, FFN: 5632, Context: 2048,
		Mix: "Q4_K_M", Seed: 1, Vocab: vocab}
}

// TestSpeed measures prefill and decode speed against llama.cpp on the same
// machine and threads. It only runs with HEARTH_BENCH=1 (it is a
// measurement, not a check); HEARTH_BENCH_1B=1 adds a TinyLlama-shaped model.
func TestSpeed(t *testing.T) {
	if os.Getenv("HEARTH_BENCH") == "" {
		t.Skip("set HEARTH_BENCH=1 to measure speed")
	}
	const prompt, gen = 128, 64
	models := []struct{ name, path string }{
		{"stories260K F32", filepath.Join(llamaref.TestData(), "models", "stories260K.gguf")},
		{"llama 125M Q4_K_M", benchModel(t, "llama125M-Q4_K_M", llama125M(0, "Q4_K_M"))},
		{"llama 125M Q8_0", benchModel(t, "llama125M-Q8_0", llama125M(quant.Q8_0, ""))},
		{"llama 125M F16", benchModel(t, "llama125M-F16", llama125M(quant.F16, ""))},
	}
	if os.Getenv("HEARTH_BENCH_1B") != "" {
		models = append(models, struct{ name, path string }{"TinyLlama-shape 1.1B Q4_K_M", benchModel(t, "tinyllama1.1B-Q4_K_M", tinyLlama())})
	}
	for _, mm := range models {
		for _, threads := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/threads=%d", mm.name, threads), func(t *testing.T) {
				m, err := model.Open(mm.path)
				if err != nil {
					t.Fatal(err)
				}
				defer m.Close()
				pool := kernel.NewPool(threads)
				defer pool.Close()
				p := min(prompt, m.Config.ContextLength-gen-1)
				pre, dec := ourSpeed(t, m, pool, p, gen)
				ref := llamaref.Bench(t, mm.path, m.Vocab(), p, gen, threads)
				t.Logf("prefill %d tokens: ours %.1f tok/s, llama.cpp %.1f tok/s; decode: ours %.1f tok/s, llama.cpp %.1f tok/s",
					p, float64(p)/pre.Seconds(), float64(p)/ref.PrefillSeconds,
					float64(gen)/dec.Seconds(), float64(ref.Generated)/ref.DecodeSeconds)
			})
		}
	}
}

// ourSpeed times a prefill of p tokens and the greedy decoding of gen more.
func ourSpeed(t *testing.T, m *model.Model, pool *kernel.Pool, p, gen int) (prefill, decode time.Duration) {
	toks := make([]int32, p)
	toks[0] = 1
	for i := 1; i < p; i++ {
		toks[i] = int32(100 + (i*7919)%min(20000, m.Vocab()-100))
	}
	s := m.NewSession(p+gen+1, pool)
	start := time.Now()
	logits, err := s.Forward(toks, false)
	if err != nil {
		t.Fatal(err)
	}
	prefill = time.Since(start)
	start = time.Now()
	for range gen {
		if logits, err = s.Forward([]int32{sample.Greedy(logits)}, false); err != nil {
			t.Fatal(err)
		}
	}
	return prefill, time.Since(start)
}
