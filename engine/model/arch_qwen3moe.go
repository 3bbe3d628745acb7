package model

// qwen3moeFamily is Qwen3's mixture of experts (Qwen3-30B-A3B,
// Qwen3-235B-A22B): qwen3's attention; its feed-forward block is a router
// (ffn_gate_inp) whose softmax picks the expert_used_count best of
// expert_count SwiGLU experts, their weights renormalized to sum to 1. The
// experts' matrices are 3-D tensors, one slice per expert, read only when
// routed to.
var qwen3moeFamily = family{name: "qwen3moe", block: block{neox: true, qkNorm: true, moe: true, expertNorm: true},
	ropeBase: 1000000, rmsEps: 1e-6}

// qwen2moeFamily is Qwen1.5-MoE and Qwen2-57B-A14B: qwen2's attention (NeoX
// RoPE, Q/K/V biases); a router whose softmax probabilities weight the
// chosen experts as they are (not renormalized), plus a shared SwiGLU
// expert every token goes through, scaled by the sigmoid of its own gate
// (ffn_gate_inp_shexp).
var qwen2moeFamily = family{name: "qwen2moe", block: block{neox: true, qkvBias: true, moe: true, sharedExpert: true},
	ropeBase: 1000000, rmsEps: 1e-6}
