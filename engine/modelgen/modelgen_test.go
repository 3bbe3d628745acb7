package modelgen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

func spec(arch string) modelgen.Spec {
	vocab := filepath.Join(llamaref.TestData(), "vocab", "ggml-vocab-llama-spm.gguf")
	return modelgen.Spec{Arch: arch, Dim: 256, Layers: 8, Heads: 4, KVHeads: 2, FFN: 512, Context: 128,
		Type: quant.Q8_0, Seed: 9, Vocab: vocab}
}

func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.gguf"), filepath.Join(dir, "b.gguf")
	for _, p := range []string{a, b} {
		if err := modelgen.Write(p, spec("qwen2")); err != nil {
			t.Fatal(err)
		}
	}
	x, _ := os.ReadFile(a)
	y, _ := os.ReadFile(b)
	if !bytes.Equal(x, y) {
		t.Error("the same spec gave different files")
	}
	s := spec("qwen2")
	s.Seed++
	if err := modelgen.Write(b, s); err != nil {
		t.Fatal(err)
	}
	if y, _ = os.ReadFile(b); bytes.Equal(x, y) {
		t.Error("another seed gave the same file")
	}
}

func TestLayout(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*modelgen.Spec)
		types map[string]quant.Type // tensor -> type; quant.Type(255) means absent
	}{
		{"llama Q8_0", func(*modelgen.Spec) {}, map[string]quant.Type{
			"token_embd.weight": quant.Q8_0, "output.weight": quant.Q8_0, "blk.0.attn_norm.weight": quant.F32,
			"blk.0.attn_q.bias": 255, "blk.0.attn_q_norm.weight": 255}},
		{"qwen2 biases", func(s *modelgen.Spec) { s.Arch = "qwen2" }, map[string]quant.Type{
			"blk.3.attn_q.bias": quant.F32, "blk.3.attn_k.bias": quant.F32, "blk.3.attn_v.bias": quant.F32}},
		{"qwen3 norms, tied", func(s *modelgen.Spec) { s.Arch, s.Tied = "qwen3", true }, map[string]quant.Type{
			"blk.7.attn_q_norm.weight": quant.F32, "blk.7.attn_k_norm.weight": quant.F32, "output.weight": 255}},
		// llama.cpp's Q4_K_M: Q6_K for the output and for attn_v/ffn_down in
		// layers 0, 7 (first and last eighth of 8) and 3, 6 ((i-1)%3 == 2).
		{"Q4_K_M", func(s *modelgen.Spec) { s.Mix = "Q4_K_M" }, map[string]quant.Type{
			"output.weight": quant.Q6_K, "token_embd.weight": quant.Q4_K,
			"blk.0.attn_v.weight": quant.Q6_K, "blk.1.attn_v.weight": quant.Q4_K, "blk.3.ffn_down.weight": quant.Q6_K,
			"blk.4.ffn_down.weight": quant.Q4_K, "blk.6.attn_v.weight": quant.Q6_K, "blk.7.ffn_down.weight": quant.Q6_K,
			"blk.5.attn_q.weight": quant.Q4_K, "blk.5.ffn_up.weight": quant.Q4_K}},
		// Rows of 128 values are not whole K-quant super-blocks: llama.cpp
		// falls back to Q5_0 for Q4_K and Q8_0 for Q6_K; ffn_down's rows of
		// 512 keep their K-quants.
		{"Q4_K_M fallback", func(s *modelgen.Spec) { s.Mix, s.Dim, s.Tied = "Q4_K_M", 128, true }, map[string]quant.Type{
			"token_embd.weight": quant.Q8_0, "blk.0.attn_v.weight": quant.Q8_0, "blk.1.attn_v.weight": quant.Q5_0,
			"blk.5.attn_q.weight": quant.Q5_0, "blk.5.attn_output.weight": quant.Q5_0, "blk.5.ffn_up.weight": quant.Q5_0,
			"blk.0.ffn_down.weight": quant.Q6_K, "blk.4.ffn_down.weight": quant.Q4_K}},
		{"rope freqs", func(s *modelgen.Spec) { s.RopeFreqs = true }, map[string]quant.Type{"rope_freqs.weight": quant.F32}},
		{"gemma3 post-norms", func(s *modelgen.Spec) { s.Arch, s.SlidingWindow = "gemma3", 16 }, map[string]quant.Type{
			"blk.2.post_attention_norm.weight": quant.F32, "blk.2.post_ffw_norm.weight": quant.F32,
			"blk.2.attn_q_norm.weight": quant.F32, "blk.2.ffn_gate.weight": quant.Q8_0}},
		{"phi3 fused", func(s *modelgen.Spec) { s.Arch, s.LongRoPE = "phi3", true }, map[string]quant.Type{
			"blk.0.attn_qkv.weight": quant.Q8_0, "blk.0.attn_q.weight": 255, "blk.0.ffn_gate.weight": 255,
			"rope_factors_long.weight": quant.F32, "rope_factors_short.weight": quant.F32, "rope_freqs.weight": 255}},
		// The router stays F32, as llama.cpp's quantizer leaves it; the
		// experts' down matrices get Q4_K_M's extra bits like ffn_down.
		{"qwen3moe Q4_K_M", func(s *modelgen.Spec) {
			s.Arch, s.Mix, s.Experts, s.ExpertsUsed, s.ExpertFFN = "qwen3moe", "Q4_K_M", 4, 2, 256
		}, map[string]quant.Type{
			"blk.0.ffn_gate_inp.weight": quant.F32, "blk.0.ffn_down_exps.weight": quant.Q6_K, "blk.1.ffn_down_exps.weight": quant.Q4_K,
			"blk.1.ffn_gate_exps.weight": quant.Q4_K, "blk.1.ffn_gate.weight": 255}},
		{"qwen2moe shared expert", func(s *modelgen.Spec) {
			s.Arch, s.Experts, s.ExpertsUsed, s.ExpertFFN, s.SharedFFN = "qwen2moe", 4, 2, 64, 128
		}, map[string]quant.Type{
			"blk.0.ffn_gate_inp_shexp.weight": quant.F32, "blk.0.ffn_up_shexp.weight": quant.Q8_0, "blk.0.attn_q.bias": quant.F32}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := spec("llama")
			tt.edit(&s)
			path := filepath.Join(t.TempDir(), "m.gguf")
			if err := modelgen.Write(path, s); err != nil {
				t.Fatal(err)
			}
			f, err := gguf.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Architecture() != s.Arch {
				t.Errorf("architecture %q", f.Architecture())
			}
			if n, _ := f.Strings("tokenizer.ggml.tokens"); len(n) != 32000 {
				t.Errorf("%d tokens", len(n))
			}
			for name, want := range tt.types {
				info, ok := f.Tensor(name)
				switch {
				case want == 255 && ok:
					t.Errorf("%s present", name)
				case want != 255 && !ok:
					t.Errorf("%s missing", name)
				case ok && info.Type != want:
					t.Errorf("%s is %s, want %s", name, info.Type, want)
				}
			}
		})
	}
}
