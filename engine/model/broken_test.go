package model_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestBrokenModelsAreRefused loads models with absurd metadata or tensors,
// made by modelgen, and expects a clear error, never a panic.
func TestBrokenModelsAreRefused(t *testing.T) {
	tests := []struct {
		name string
		mut  modelgen.Mutations
		is   error
		msg  string
		arch string // llama when empty
	}{
		{"unsupported architecture", set("general.architecture", "gemma2"), engine.ErrUnsupported, `architecture "gemma2" is not supported`, ""},
		{"zero heads", set("llama.attention.head_count", uint32(0)), model.ErrInvalid, "attention head count 0", ""},
		{"heads do not divide the embedding", set("llama.attention.head_count", uint32(3)), model.ErrInvalid, "3 heads do not divide the embedding length 64", ""},
		{"KV heads do not divide heads", set("llama.attention.head_count_kv", uint32(3)), model.ErrInvalid, "4 attention heads cannot share 3 KV heads", ""},
		{"zero KV heads", set("llama.attention.head_count_kv", uint32(0)), model.ErrInvalid, "cannot share 0 KV heads", ""},
		{"zero layers", set("llama.block_count", uint32(0)), model.ErrInvalid, "block count 0", ""},
		{"huge embedding", set("llama.embedding_length", uint64(1)<<40), model.ErrInvalid, "out of range", ""},
		{"zero context", set("llama.context_length", uint32(0)), model.ErrInvalid, "context length 0", ""},
		{"zero feed-forward", set("llama.feed_forward_length", uint32(0)), model.ErrInvalid, "feed-forward length 0", ""},
		{"negative epsilon", set("llama.attention.layer_norm_rms_epsilon", float32(-1)), model.ErrInvalid, "epsilon", ""},
		{"odd rope dimensions", set("llama.rope.dimension_count", uint32(7)), model.ErrInvalid, "rope dimension count 7", ""},
		{"per-layer head counts differ", set("llama.attention.head_count", []uint32{4, 2}), engine.ErrUnsupported, "differs between layers", ""},
		{"yarn-less unknown rope scaling", set("llama.rope.scaling.type", "longrope"), engine.ErrUnsupported, `rope scaling "longrope"`, ""},
		{"missing layer tensor", modelgen.Mutations{Drop: []string{"blk.1.ffn_down.weight"}}, model.ErrInvalid, "missing tensor blk.1.ffn_down.weight", ""},
		{"missing embeddings", modelgen.Mutations{Drop: []string{"token_embd.weight"}}, model.ErrInvalid, "missing tensor token_embd.weight", ""},
		{"query shape", reshape("blk.0.attn_q.weight", 64, 32), model.ErrInvalid, "blk.0.attn_q.weight has shape [64 32], want [64 64]", ""},
		{"norm shape", reshape("blk.1.attn_norm.weight", 32), model.ErrInvalid, "blk.1.attn_norm.weight has shape [32]", ""},
		{"output vocabulary", reshape("output.weight", 64, 100), model.ErrInvalid, "output.weight has shape [64 100]", ""},
		{"embedding width", reshape("token_embd.weight", 32, 32000), model.ErrInvalid, "token_embd.weight has shape [32 32000]", ""},
		{"more experts used than there are", set("qwen3moe.expert_used_count", uint32(9)), model.ErrInvalid, "8 experts, 9 used per token", "qwen3moe"},
		{"no experts", set("qwen3moe.expert_count", uint32(0)), model.ErrInvalid, "0 experts", "qwen3moe"},
		{"missing expert tensor", modelgen.Mutations{Drop: []string{"blk.1.ffn_down_exps.weight"}}, model.ErrInvalid, "missing tensor blk.1.ffn_down_exps.weight", "qwen3moe"},
		{"expert tensor shape", reshape("blk.0.ffn_up_exps.weight", 64, 64, 4), model.ErrInvalid, "blk.0.ffn_up_exps.weight has shape [64 64 4], want [64 64 8]", "qwen3moe"},
		{"missing shared expert gate", modelgen.Mutations{Drop: []string{"blk.0.ffn_gate_inp_shexp.weight"}}, model.ErrInvalid, "missing tensor blk.0.ffn_gate_inp_shexp.weight", "qwen2moe"},
		{"missing fused QKV", modelgen.Mutations{Drop: []string{"blk.0.attn_qkv.weight"}}, model.ErrInvalid, "missing tensor blk.0.attn_qkv.weight", "phi3"},
		{"fused gate-up shape", reshape("blk.1.ffn_up.weight", 64, 128), model.ErrInvalid, "blk.1.ffn_up.weight has shape [64 128], want [64 256]", "phi3"},
		{"missing post-norm", modelgen.Mutations{Drop: []string{"blk.0.post_ffw_norm.weight"}}, model.ErrInvalid, "missing tensor blk.0.post_ffw_norm.weight", "gemma3"},
		{"negative soft-capping", set("gemma3.final_logit_softcapping", float32(-1)), model.ErrInvalid, "final logit soft-capping -1", "gemma3"},
	}
	dir := t.TempDir()
	vocab, _, _ := vocabFor("llama")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".gguf")
			arch := tt.arch
			if arch == "" {
				arch = "llama"
			}
			spec := modelgen.Spec{Arch: arch, Dim: 64, Layers: 2, Heads: 4, KVHeads: 2, FFN: 128, Context: 64,
				Type: quant.F32, Seed: 1, Vocab: vocab, Mutations: tt.mut,
				Experts: 8, ExpertsUsed: 2, ExpertFFN: 64, SharedFFN: 64, SlidingWindow: 16}
			if err := modelgen.Write(path, spec); err != nil {
				t.Fatal(err)
			}
			m, err := model.Open(path)
			if err == nil {
				m.Close()
				t.Fatal("loaded")
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %q does not wrap %q", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
		})
	}
}

func set(key string, v any) modelgen.Mutations {
	return modelgen.Mutations{Set: map[string]any{key: v}}
}

func reshape(name string, shape ...uint64) modelgen.Mutations {
	return modelgen.Mutations{Reshape: map[string][]uint64{name: shape}}
}
