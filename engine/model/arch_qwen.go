package model

// qwen2Family is Qwen2 and Qwen2.5: llama with NeoX RoPE and biases on the
// Q, K and V projections.
var qwen2Family = family{name: "qwen2", block: block{neox: true, qkvBias: true}, ropeBase: 1000000, rmsEps: 1e-6}

// qwen3Family is Qwen3: llama with NeoX RoPE and an RMS norm of each head of
// Q and K before RoPE.
var qwen3Family = family{name: "qwen3", block: block{neox: true, qkNorm: true}, ropeBase: 1000000, rmsEps: 1e-6}
