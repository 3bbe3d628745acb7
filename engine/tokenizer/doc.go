// Package tokenizer turns text into token ids and back, for the vocabularies
// GGUF files carry in their tokenizer.ggml.* metadata, with the behaviour
// llama.cpp defines for them:
//
//   - "llama": SentencePiece BPE over scored pieces, spaces written as "▁",
//     bytes missing from the vocabulary written as <0xXX> tokens, an optional
//     space in front of the text (tokenizer.ggml.add_space_prefix);
//   - "gpt2": byte-level BPE with ranked merges, after a pre-tokenizer that
//     splits the text into words; the pre-tokenizer is named by
//     tokenizer.ggml.pre (default, llama3/llama-bpe, qwen2, smollm, gpt-2,
//     gpt-4o/llama4, deepseek-llm, deepseek-coder, falcon, bloom and their
//     aliases);
//   - "bert": WordPiece with BERT's basic pre-tokenization (lower-casing and
//     accent stripping unless the vocabulary says otherwise, splitting
//     punctuation and CJK ideographs).
//
// Control, user-defined and unknown tokens written in the text are recognised
// as tokens when the caller asks for it (parseSpecial); user-defined tokens
// always are, as in llama.cpp.
//
// A Tokenizer is immutable after New and safe for concurrent use. A Decoder,
// which turns a stream of generated ids into text without ever splitting a
// UTF-8 sequence, belongs to one goroutine.
//
// Where llama.cpp's behaviour is surprising (the fixed-up spaces of Decode,
// the special-token partition order, the Unicode tables) it is reproduced on
// purpose: the tests compare with llama.cpp itself. RATIONALE.md records the
// decisions.
package tokenizer
