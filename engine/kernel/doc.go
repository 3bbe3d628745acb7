// Package kernel holds the arithmetic of the forward pass: products of weight
// matrices stored in GGUF tensor types with activation vectors, and the vector
// operations around them (RMS norm, softmax, SwiGLU, half-precision rounding),
// spread over a fixed pool of worker goroutines.
//
// Everything here is plain Go; the package keeps a small API (Matrix, Input,
// MatMul, Pool and the vector functions) so that SIMD versions can replace
// the inner loops later without touching the model code.
//
// # Numerics
//
// The products follow ggml's CPU backend, the reference the engine is tested
// against: before a product with a quantized matrix the activations are
// themselves quantized to the type ggml pairs with the weight type (its
// "vec_dot_type": Q8_0 for Q4_0, Q5_0 and Q8_0; Q8_1 for Q4_1 and Q5_1; Q8_K
// for the K-quants; F16 for F16 and BF16 for BF16), and the block products are
// computed exactly in integers and scaled in float32. Quantizing the
// activations the same way makes the logits agree with llama.cpp to float
// rounding instead of to quantization noise, so greedy decoding picks the same
// tokens. It is also the fast way: integer products of bytes, weights read
// straight from the memory-mapped file, never expanded to float32.
package kernel
