package model

// qwen3moeFamily is Qwen3's mixture of experts (Qwen3-30B-A3B,
// Qwen3-235B-A22B): qwen3's attention; its feed-forward block is a router
// (ffn_gate_inp) whose softmax picks the expert_used_count best of
// expert_count SwiGLU experts, their weights renormalized to sum to 1. The
// experts' matrices are 3-D tensors, one slice per expert, read only when
// routed to.
var qwen3moeFamily = family{name: "qwen3moe", block: block{neox: true, qkNorm: true, moe: true},
	ropeBase: 1000000, rmsEps: 1e-6}
