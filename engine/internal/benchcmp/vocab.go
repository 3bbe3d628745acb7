package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/hearth-app/hearth/engine/gguf"
)

// tokenUnused is the GGUF token type of padding entries (llama.cpp's
// LLAMA_TOKEN_TYPE_UNUSED).
const tokenUnused = 5

// paddedVocab writes, at path, the tokenizer of the vocabulary file src
// padded with unused "[PADn]" tokens (and, for SentencePiece, zero scores)
// to size entries, the way converted Qwen models pad theirs to the embedding
// matrix's rows; the Gemma shape pads Llama's SentencePiece vocabulary to
// Gemma 3's size the same way. It does nothing when
// path exists.
func paddedVocab(path, src string, size int) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	f, err := gguf.Open(src)
	if err != nil {
		return fmt.Errorf("vocabulary: %w", err)
	}
	defer f.Close()
	tokens, _ := f.Strings("tokenizer.ggml.tokens")
	types, _ := f.Ints("tokenizer.ggml.token_type")
	if len(tokens) == 0 || len(types) != len(tokens) || len(tokens) > size {
		return fmt.Errorf("vocabulary %s: %d tokens and %d token types cannot be padded to %d", src, len(tokens), len(types), size)
	}
	w := gguf.NewWriter()
	for _, k := range f.Keys() {
		if v, ok := f.Value(k); ok && strings.HasPrefix(k, "tokenizer.") {
			w.Set(k, v)
		}
	}
	padTokens := append([]string(nil), tokens...)
	padTypes := make([]int32, 0, size)
	for _, t := range types {
		padTypes = append(padTypes, int32(t))
	}
	for i := len(tokens); i < size; i++ {
		padTokens = append(padTokens, fmt.Sprintf("[PAD%d]", i))
		padTypes = append(padTypes, tokenUnused)
	}
	w.Set("tokenizer.ggml.tokens", padTokens)
	w.Set("tokenizer.ggml.token_type", padTypes)
	if scores, ok := f.Floats("tokenizer.ggml.scores"); ok { // SentencePiece: a score per token
		w.Set("tokenizer.ggml.scores", append(scores, make([]float32, size-len(scores))...))
	}
	return w.WriteFile(path)
}
