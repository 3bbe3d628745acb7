package gguf_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
)

// bigVocab returns a file holding a 150,000-token vocabulary, as a Qwen or
// Llama 3 model carries, with scores, token types and merges.
func bigVocab(b *testing.B) []byte {
	const n = 150_000
	tokens := make([]string, n)
	scores := make([]float32, n)
	types := make([]int32, n)
	merges := make([]string, n)
	for i := range tokens {
		tokens[i] = fmt.Sprintf("tok%d", i)
		scores[i] = float32(-i)
		types[i] = 1
		merges[i] = fmt.Sprintf("t%d o%d", i, i)
	}
	w := gguf.NewWriter()
	w.Set("tokenizer.ggml.tokens", tokens)
	w.Set("tokenizer.ggml.scores", scores)
	w.Set("tokenizer.ggml.token_type", types)
	w.Set("tokenizer.ggml.merges", merges)
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkParse(b *testing.B) {
	gpt2, err := os.ReadFile(filepath.Join(llamaref.TestData(), "vocab", "ggml-vocab-gpt-2.gguf"))
	if err != nil {
		b.Skip(err)
	}
	for _, bc := range []struct {
		name string
		file []byte
	}{{"gpt-2 vocab", gpt2}, {"150k vocab", bigVocab(b)}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.file)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := gguf.ParseBytes(bc.file); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
