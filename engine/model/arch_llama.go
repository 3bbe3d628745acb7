package model

// llamaFamily is llama.cpp's llama graph (Llama 2 and 3.x, SmolLM2,
// TinyLlama, Mistral): RMS pre-norms, RoPE on adjacent pairs (with llama3
// frequency factors when rope_freqs is present), SwiGLU.
var llamaFamily = family{name: "llama", ropeBase: 10000, rmsEps: 1e-5}
