package model_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestQ8CacheMatchesLlamaCpp compares the Q8_0 cache's logits with
// llama.cpp's own Q8_0 cache (-ctk q8_0 -ctv q8_0, flash attention) over a
// prompt of 320 tokens and 32 of llama.cpp's greedy tokens, teacher-forced.
// Measured: max |Δlogit| 0.11 with F16 weights and 0.22 with Q8_0 weights,
// no clear top-1 flip (our F16 cache is 0.074 and 0.19 from it). The bounds
// are about twice that; they are as wide as the Q8_0 cache's own distance
// from F16 (TestQ8CacheMatchesF16), so this test shows agreement of the
// kind, not of every rounding.
func TestQ8CacheMatchesLlamaCpp(t *testing.T) {
	llamaref.Require(t)
	cases := []struct {
		weights quant.Type
		bound   float32
	}{{quant.F16, 0.2}, {quant.Q8_0, 0.4}}
	for _, c := range cases {
		t.Run(c.weights.String(), func(t *testing.T) {
			m, path := kvModel(t, c.weights)
			ref := llamaref.Generate(t, []llamaref.GenerateJob{{Model: path, Prompt: seq(320, 5), Generate: 32,
				Vocab: m.Vocab(), ContextSize: 512, Logits: true, KVType: "Q8_0"}})[0]
			tokens := append(append([]int32(nil), ref.Prompt...), ref.Tokens...)
			for _, kv := range []model.CacheType{model.CacheQ8_0, model.CacheF16} {
				ours := kvLogits(t, m, kv, tokens, nil)
				worst, flips := logitGap(flatten(ref.Logits), ours, m.Vocab(), 2*c.bound)
				t.Logf("%s cache against llama.cpp's Q8_0 cache: max |Δlogit| %.4g, %d clear top-1 flips", kv, worst, flips)
				if kv == model.CacheQ8_0 && (worst > c.bound || flips > 0) {
					t.Errorf("max |Δlogit| %.4g (bound %g), %d clear top-1 flips", worst, c.bound, flips)
				}
			}
		})
	}
}

func flatten(rows [][]float32) []float32 {
	var out []float32
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
