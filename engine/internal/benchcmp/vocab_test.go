package main

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
)

func TestPaddedVocab(t *testing.T) {
	src := filepath.Join(llamaref.TestData(), "vocab", "ggml-vocab-gpt-2.gguf")
	path := filepath.Join(t.TempDir(), "v.gguf")
	if err := paddedVocab(path, src, 50300); err != nil {
		t.Fatal(err)
	}
	f, err := gguf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	orig, err := gguf.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer orig.Close()
	tokens, _ := f.Strings("tokenizer.ggml.tokens")
	types, _ := f.Ints("tokenizer.ggml.token_type")
	origTokens, _ := orig.Strings("tokenizer.ggml.tokens")
	merges, _ := f.Strings("tokenizer.ggml.merges")
	origMerges, _ := orig.Strings("tokenizer.ggml.merges")
	if len(tokens) != 50300 || len(types) != 50300 || !slices.Equal(tokens[:len(origTokens)], origTokens) ||
		tokens[50299] != "[PAD50299]" || types[50299] != tokenUnused || !slices.Equal(merges, origMerges) {
		t.Errorf("%d tokens, %d types, last %q type %d, %d merges", len(tokens), len(types), tokens[len(tokens)-1], types[len(types)-1], len(merges))
	}
	if err := paddedVocab(filepath.Join(t.TempDir(), "w.gguf"), src, 100); err == nil {
		t.Error("padding 50257 tokens down to 100 worked")
	}
}
