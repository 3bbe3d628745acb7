// Package kernel holds the arithmetic of the forward pass: products of weight
// matrices stored in GGUF tensor types with activation vectors, and the vector
// operations around them (RMS norm, softmax, SwiGLU, half-precision rounding),
// spread over a fixed pool of worker goroutines.
//
// # SIMD and the plain-Go fallback
//
// Every product has a plain-Go kernel (named ...Generic), and Go assembly
// kernels that do a whole row per call:
//   - amd64, AVX2 with FMA and F16C: every tensor type's rows (F32, F16, BF16,
//     Q8_0, Q4_0, Q4_1, Q5_0, Q5_1 and the K-quants), the vector operations
//     of attention (Dot, Axpy, DotF16, AxpyF16) and their many-row forms over
//     the F16 KV cache (DotF16Rows, AxpyF16Rows, rows_amd64.s);
//   - amd64, AVX-512: Q4_K, Q5_K and Q6_K rows; with VNNI, Q8_0, Q4_0 and
//     Q5_0 rows (two blocks per register, byte products summed by VPDPBUSD);
//   - amd64 prefill tiles: one weight row against four activation vectors at
//     once for Q8_0 and Q5_0 (dot_tile_amd64.go) and for Q4_K and Q6_K
//     (dot_k_tile_amd64.go), so each weight block is read and prepared once
//     for four vectors; their results are bit for bit those of the
//     one-vector kernels;
//   - arm64, NEON: Q8_0 and Q4_0 rows (SDOT where the CPU has the dot
//     product instructions), F32 rows, Dot and Axpy. The other types run the
//     plain-Go kernels there.
//
// The kernel is chosen at each call from the CPU's features (cpu.go): SIMD
// reports them, UseSIMD narrows them, safely at any time (the tests run
// every kernel at every level), and the environment variable HEARTH_SIMD=off
// or HEARTH_SIMD=avx2 limits them at start. Other architectures use the
// plain-Go kernels. Block products are exact integers on every path, so the
// paths differ only in the order float32 partial sums are added (tests bound
// the difference; see simd_test.go).
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
