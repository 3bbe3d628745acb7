package model

import "fmt"

// Role says what a tensor is for, so that a generator can draw values that
// look trained and a loader knows how to read it.
type Role int

const (
	RoleEmbedding   Role = iota // token_embd: a row per token
	RoleOutput                  // the output matrix
	RoleMatrix                  // a projection inside a block
	RoleNorm                    // an RMS norm weight
	RoleBias                    // a bias vector
	RoleRopeFactors             // llama3 frequency factors
	RoleRouter                  // a mixture's router: a row of logits per expert
	RoleExperts                 // the matrices of all experts, one slice each (3-D)
)

// Tensor is one tensor of a model, as TensorsOf lists it.
type Tensor struct {
	Name  string
	Shape []int // GGML order: Shape[0] is the row length
	Role  Role
	Layer int // the block, -1 outside the blocks
	// Optional tensors may be absent: output (tied embeddings), rope_freqs.
	Optional bool
}

// TensorsOf lists the tensors a model with configuration c and a vocabulary
// of vocab tokens has, in the order converted files hold them. Its family's
// steps decide which tensors a block has.
func TensorsOf(c Config, vocab int) ([]Tensor, error) {
	f, ok := familyOf(c.Arch)
	if !ok {
		return nil, unsupportedf("architecture %q is not supported", c.Arch)
	}
	d := c.Dim
	ts := []Tensor{
		{Name: "token_embd.weight", Shape: []int{d, vocab}, Role: RoleEmbedding, Layer: -1},
		{Name: "output_norm.weight", Shape: []int{d}, Role: RoleNorm, Layer: -1},
		{Name: "output.weight", Shape: []int{d, vocab}, Role: RoleOutput, Layer: -1, Optional: true},
		{Name: "rope_freqs.weight", Shape: []int{c.RopeDims / 2}, Role: RoleRopeFactors, Layer: -1, Optional: true},
	}
	if f.block.longRope {
		for _, n := range []string{"rope_factors_long.weight", "rope_factors_short.weight"} {
			ts = append(ts, Tensor{Name: n, Shape: []int{c.RopeDims / 2}, Role: RoleRopeFactors, Layer: -1, Optional: true})
		}
	}
	for i := range c.Layers {
		ts = append(ts, f.block.tensors(c, i)...)
	}
	return ts, nil
}

// tensors lists the tensors of block i, in the order of the block's steps.
func (b block) tensors(c Config, i int) []Tensor {
	d, q, kv, ff, hd := c.Dim, c.Heads*c.HeadDim, c.KVHeads*c.HeadDim, c.FFN, c.HeadDim
	var ts []Tensor
	add := func(name string, role Role, shape ...int) {
		ts = append(ts, Tensor{Name: fmt.Sprintf("blk.%d.%s", i, name), Shape: shape, Role: role, Layer: i})
	}
	add("attn_norm.weight", RoleNorm, d)
	if b.fusedQKV {
		add("attn_qkv.weight", RoleMatrix, d, q+2*kv)
	} else {
		add("attn_q.weight", RoleMatrix, d, q)
		add("attn_k.weight", RoleMatrix, d, kv)
		add("attn_v.weight", RoleMatrix, d, kv)
	}
	if b.qkvBias {
		add("attn_q.bias", RoleBias, q)
		add("attn_k.bias", RoleBias, kv)
		add("attn_v.bias", RoleBias, kv)
	}
	if b.qkNorm {
		add("attn_q_norm.weight", RoleNorm, hd)
		add("attn_k_norm.weight", RoleNorm, hd)
	}
	add("attn_output.weight", RoleMatrix, q, d)
	if b.postNorms {
		add("post_attention_norm.weight", RoleNorm, d)
	}
	add("ffn_norm.weight", RoleNorm, d)
	if b.moe {
		ne, fe := c.Experts, c.ExpertFFN
		add("ffn_gate_inp.weight", RoleRouter, d, ne)
		add("ffn_gate_exps.weight", RoleExperts, d, fe, ne)
		add("ffn_down_exps.weight", RoleExperts, fe, d, ne)
		add("ffn_up_exps.weight", RoleExperts, d, fe, ne)
		if b.sharedExpert {
			fs := c.SharedFFN
			add("ffn_gate_inp_shexp.weight", RoleRouter, d)
			add("ffn_gate_shexp.weight", RoleMatrix, d, fs)
			add("ffn_down_shexp.weight", RoleMatrix, fs, d)
			add("ffn_up_shexp.weight", RoleMatrix, d, fs)
		}
	} else if b.fusedGateUp {
		add("ffn_up.weight", RoleMatrix, d, 2*ff)
		add("ffn_down.weight", RoleMatrix, ff, d)
	} else {
		add("ffn_gate.weight", RoleMatrix, d, ff)
		add("ffn_up.weight", RoleMatrix, d, ff)
		add("ffn_down.weight", RoleMatrix, ff, d)
	}
	if b.postNorms {
		add("post_ffw_norm.weight", RoleNorm, d)
	}
	return ts
}
