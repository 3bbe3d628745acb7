package model

// phi3Family is Phi-3 and Phi-4-mini as llama.cpp builds them: llama's block
// with the Q, K and V projections fused in one matrix (attn_qkv) and the
// gate and up projections in another (ffn_up, gate first); NeoX RoPE over
// the first rope.dimension_count dimensions of each head (Phi-4-mini
// rotates three quarters), with LongRoPE's per-pair frequency factors:
// rope_factors_long when the session's context exceeds
// rope.scaling.original_context_length, rope_factors_short otherwise, and
// the magnitude correction rope.scaling.attn_factor. Queries are scaled
// before attention. llama.cpp reads attention.sliding_window but disables
// sliding-window attention for phi3, so every layer attends globally here
// too.
var phi3Family = family{
	name:     "phi3",
	block:    block{neox: true, fusedQKV: true, fusedGateUp: true, longRope: true, queryScaled: true},
	ropeBase: 10000, rmsEps: 1e-5,
}
