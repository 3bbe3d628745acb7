// Package modelgen writes GGUF models with random weights at realistic
// shapes, for tests and benchmarks: every architecture model.Architectures
// lists (the tensors and keys come from the model package's description of
// the family), bert and nomic-bert; any
// dimensions, every supported tensor type or a Q4_K_M-like mix, and a real
// tokenizer copied from a vocabulary GGUF so that llama.cpp and Hearth load
// the files like downloaded models.
//
// Weights are seeded and deterministic: the same Spec gives the same file.
// They are drawn from normal distributions scaled as a trained model's are
// (1/sqrt(fan-in) for projections, norms near 1), so activations and logits
// stay in a realistic range and greedy decoding is not degenerate. Tensors
// are generated and quantized a band of rows at a time while the file is
// written, so a 1.1B-parameter model needs little memory.
//
// Mutations (metadata overrides, dropped or reshaped tensors) make broken
// files for tests of error handling.
//
// WriteScripted writes a different kind of model: one whose weights script
// its greedy answer (see Scripted), so that an end-to-end test can send a
// known answer, a hostile one for instance, through the real engine.
package modelgen
