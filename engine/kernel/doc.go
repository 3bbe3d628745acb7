// Package kernel holds the arithmetic of the forward pass: products of weight
// matrices stored in GGUF tensor types with activation vectors, and the vector
// operations around them (RMS norm, softmax, SwiGLU, half-precision rounding),
// spread over a fixed pool of worker goroutines.
//
// # The kernel table
//
// Everything the products need to know about a tensor type is one entry of
// typeTraits (traits.go), in the spirit of ggml's per-type traits:
//   - form: the form the activations are converted to before a product
//     with the type (see Numerics), done once per batch by Input;
//   - generic: the plain-Go product of a row with one vector (dot_float.go,
//     dot_legacy.go, dot_k.go), the reference the SIMD kernels are tested
//     against;
//   - dot: the fastest one-vector product at the CPU level in use, which
//     picks its assembly kernel at each call (the dot_*_amd64.go and
//     dot_*_arm64.go files) and falls back to generic;
//   - tiles: the multi-vector kernels of prefill, one weight row against
//     four activation vectors at once (and, where a tile has a two-row
//     kernel, two rows against four vectors), each with the instruction
//     sets it needs; MatMul takes the first one the CPU level runs. Each
//     weight block is then read and prepared once for four vectors, and
//     each result is bit for bit what dot gives the row and vector alone,
//     so a batch never changes a vector's result.
//
// MatMul reads the table and nothing else: a new type, one-vector kernel or
// tile is one entry (and the kernel's own files), and the table-wide tests
// (traits_test.go) check every tile at every level. Products runs a set of
// independent products (a layer's q, k and v, or the experts a batch is
// routed to) as one loop on the pool, each result bit for bit MatMul's.
//
// # SIMD and the plain-Go fallback
//
// Every product has a plain-Go kernel (named ...Generic), and Go assembly
// kernels that do a whole row per call:
//   - amd64, AVX2 with FMA and F16C: every tensor type's rows (F32, F16, BF16,
//     Q8_0, Q4_0, Q4_1, Q5_0, Q5_1 and the K-quants), the vector operations
//     of attention (Dot, Axpy, DotF16, AxpyF16) and their many-row forms over
//     the F16 KV cache (DotF16Rows, AxpyF16Rows, rows_amd64.s); over a Q8_0
//     KV cache (rows_q8.go) DotQ8Rows runs the Q8_0 row kernels and
//     AxpyQ8Rows dequantizes and adds a block at a time (rows_q8_amd64.s);
//   - amd64, AVX-512: Q4_K, Q5_K and Q6_K rows; with VNNI, Q8_0, Q4_0 and
//     Q5_0 rows (two blocks per register, byte products summed by VPDPBUSD);
//   - amd64 tiles: Q8_0, Q4_0 and Q5_0 with AVX-512 VNNI, Q4_0, Q4_1 and
//     Q5_1 with AVX2 (dot_tile_amd64.go; Q4_1 and Q5_1 run their AVX2
//     one-vector kernels at every level, so their tiles do too); Q4_K, Q5_K
//     and Q6_K with AVX-512 VNNI (dot_k_tile_amd64.go); F16 with AVX-512
//     (dot_f16_tile_amd64.go);
//   - arm64, NEON: every tensor type's rows (F32, F16, BF16, Q8_0, Q4_0,
//     Q4_1, Q5_0, Q5_1 and the K-quants; the quantized ones with SDOT where
//     the CPU has the dot product instructions, SMULL and SADALP where it
//     has not), the vector operations of attention (Dot, Axpy, DotF16,
//     AxpyF16) and their many-row forms over the F16 KV cache (rows_arm64.s);
//   - arm64 tiles: Q8_0, Q4_0 and Q5_0 (dot_tile_arm64.go), Q4_K, Q5_K and
//     Q6_K (dot_k_tile_arm64.go), each with SDOT or plain NEON; the other
//     types' batches go one vector at a time there. Where the CPU has the
//     int8 matrix multiply instructions (i8mm: Apple M2 and later, Arm
//     Neoverse V1/N2 and later), Q8_0, Q4_0 and Q5_0 also take two rows at a
//     time with SMMLA (dot_tile_i8mm_arm64.s), each of which multiplies
//     eight bytes of two weight rows with the same bytes of two vectors; a
//     last odd row goes to the SDOT tile, and a batch's last one to three
//     vectors to the row kernel, as before. One vector (decoding) never uses
//     SMMLA: with a single vector half of its products would be wasted.
//
// The arm64 kernels are tested under qemu-user (make test-arm64, with qemu's
// default CPU model, which has dotprod and i8mm) at every level: SMMLA, SDOT,
// plain NEON and plain Go. That checks what they compute, not how fast:
// none has been timed on arm64 hardware here, so whether the SMMLA tiles
// beat the SDOT ones is unmeasured. On an arm64 machine, make bench runs the
// model benchmarks natively, and go test -bench MatMulBatch ./engine/kernel/
// against the same with HEARTH_SIMD=dotprod compares the two tiles.
//
// The kernel is chosen at each call from the CPU's features (cpu.go): SIMD
// reports them, UseSIMD narrows them, safely at any time (the tests run
// every kernel at every level), and the environment variable HEARTH_SIMD=off,
// HEARTH_SIMD=avx2 (amd64) or HEARTH_SIMD=dotprod (arm64, no SMMLA) limits
// them at start. Other architectures use the
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
