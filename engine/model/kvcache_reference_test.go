package model_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestQ8CacheMatchesLlamaCpp compares the Q8_0 cache's logits with
// llama.cpp's own Q8_0 cache (-ctk q8_0 -ctv q8_0, flash attention) over a
// prompt of 320 tokens and 32 of llama.cpp's greedy tokens, teacher-forced,
// and, as the baseline, the F16 cache with llama.cpp's F16 cache.
//
// Measured: with F16 weights the F16 caches agree to 0.0074, the Q8_0
// caches to 0.11; with Q8_0 weights (8-bit activations amplify every
// difference) 0.13 and 0.22; no clear top-1 flip in either. The Q8_0 gap is
// of the size of the Q8_0 cache's own distance from F16, so the two Q8_0
// caches do not yet agree to rounding: something in the stored blocks or
// the products differs from llama.cpp's one-chunk flash attention (not the
// query's quantization: scoring with the unquantized query moves it to
// 0.115). The bounds (about twice the measurements) hold the agreement that
// is there; a cache with scales 10% off moves logits by 1.3.
func TestQ8CacheMatchesLlamaCpp(t *testing.T) {
	llamaref.Require(t)
	cases := []struct {
		weights quant.Type
		bound   float32
	}{{quant.F16, 0.2}, {quant.Q8_0, 0.4}}
	for _, c := range cases {
		t.Run(c.weights.String(), func(t *testing.T) {
			m, path := kvModel(t, c.weights)
			job := llamaref.GenerateJob{Model: path, Prompt: seq(320, 5), Generate: 32, Vocab: m.Vocab(), ContextSize: 512, Logits: true}
			q8job := job
			q8job.KVType = "Q8_0"
			refs := llamaref.Generate(t, []llamaref.GenerateJob{q8job, job})
			for i, kv := range []model.CacheType{model.CacheQ8_0, model.CacheF16} {
				ref := refs[i]
				tokens := append(append([]int32(nil), ref.Prompt...), ref.Tokens...)
				ours := kvLogits(t, m, kv, tokens, nil)
				worst, flips := logitGap(flatten(ref.Logits), ours, m.Vocab(), 2*c.bound)
				t.Logf("%s cache against llama.cpp's: max |Δlogit| %.4g, %d clear top-1 flips", kv, worst, flips)
				if worst > c.bound || flips > 0 {
					t.Errorf("%s cache: max |Δlogit| %.4g (bound %g), %d clear top-1 flips", kv, worst, c.bound, flips)
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
