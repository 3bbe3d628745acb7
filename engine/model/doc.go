// Package model runs decoder-only transformer language models stored in GGUF
// files: it reads the hyperparameters from the metadata (Config), maps the
// weights without copying them (Model), and computes logits for tokens with a
// KV cache per sequence (Session): prefill as matrix-matrix products over the
// prompt, decoding token by token.
//
// Supported architectures are llama (Llama 2 and 3.x, SmolLM2, TinyLlama,
// Mistral), qwen2 (biases on Q, K and V), qwen3 (RMS norm of each head of Q
// and K) and gemma3 (post-norms, GeGLU, scaled embeddings, interleaved
// sliding-window and global attention, logit soft-capping). Each is described
// once, by a family (arch.go and arch_<name>.go): its block's steps, from
// which its tensors (TensorsOf) and metadata keys (Config.Metadata) follow.
// The computation follows llama.cpp's graph for each architecture,
// including its numerics where they matter for picking the same tokens: the KV
// cache holds binary16 values (or, by choice, Q8_0 blocks: NewSessionKV),
// attention multiplies binary16-rounded queries and probabilities, and products with quantized weights quantize the
// activations as ggml does (see package kernel).
//
// Embedding models run through Embedder: encoders (bert for BGE, MiniLM, e5
// and gte; nomic-bert for nomic-embed-text) and decoders read at their last
// token (Qwen3-Embedding), pooled as {arch}.pooling_type says and
// L2-normalized, several texts per pass. RATIONALE.md says how they match
// llama.cpp.
package model
