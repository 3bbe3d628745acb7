package tokenizer_test

import (
	"errors"
	"fmt"
	"maps"
	"testing"

	"github.com/hearth-app/hearth/engine/tokenizer"
)

// tinySPM is a minimal SentencePiece vocabulary.
func tinySPM() mapMeta {
	return mapMeta{
		"tokenizer.ggml.model":      "llama",
		"tokenizer.ggml.tokens":     []string{"<unk>", "<s>", "</s>", "▁a", "a"},
		"tokenizer.ggml.scores":     []float32{0, 0, 0, -1, -2},
		"tokenizer.ggml.token_type": []int64{2, 3, 3, 1, 1},
	}
}

// with returns a copy of m with key set to v (or removed, for nil).
func with(m mapMeta, key string, v any) mapMeta {
	c := maps.Clone(m)
	if v == nil {
		delete(c, key)
	} else {
		c[key] = v
	}
	return c
}

func TestNewErrors(t *testing.T) {
	gpt2 := mapMeta{
		"tokenizer.ggml.model":  "gpt2",
		"tokenizer.ggml.pre":    "gpt-2",
		"tokenizer.ggml.tokens": []string{"a", "b", "ab"},
		"tokenizer.ggml.merges": []string{"a b"},
	}
	tests := []struct {
		name string
		md   mapMeta
		want error
	}{
		{"no model", with(tinySPM(), "tokenizer.ggml.model", nil), tokenizer.ErrMissing},
		{"no tokens", with(tinySPM(), "tokenizer.ggml.tokens", nil), tokenizer.ErrMissing},
		{"empty tokens", with(tinySPM(), "tokenizer.ggml.tokens", []string{}), tokenizer.ErrMissing},
		{"unknown model", with(tinySPM(), "tokenizer.ggml.model", "t5"), tokenizer.ErrUnsupported},
		{"short scores", with(tinySPM(), "tokenizer.ggml.scores", []float32{0}), tokenizer.ErrInvalid},
		{"short types", with(tinySPM(), "tokenizer.ggml.token_type", []int64{1, 1}), tokenizer.ErrInvalid},
		{"no merges", with(gpt2, "tokenizer.ggml.merges", nil), tokenizer.ErrMissing},
		{"unknown pre", with(gpt2, "tokenizer.ggml.pre", "no-such-pre"), tokenizer.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tokenizer.New(tt.md)
			if !errors.Is(err, tt.want) {
				t.Fatalf("New: %v, want %v", err, tt.want)
			}
		})
	}
	t.Run("valid", func(t *testing.T) {
		for _, md := range []mapMeta{tinySPM(), gpt2} {
			if _, err := tokenizer.New(md); err != nil {
				t.Errorf("New: %v", err)
			}
		}
	})
}

// TestOutOfRange checks that ids outside the vocabulary are harmless.
func TestOutOfRange(t *testing.T) {
	tok, err := tokenizer.New(tinySPM())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int32{-1, 5, 1 << 30} {
		if p := tok.Piece(id); p != "" {
			t.Errorf("Piece(%d) = %q", id, p)
		}
		if s := tok.Decode([]int32{id}); s != "" {
			t.Errorf("Decode([%d]) = %q", id, s)
		}
		if tok.IsEOG(id) || tok.IsControl(id) || tok.Type(id) != tokenizer.TypeUndefined {
			t.Errorf("id %d has flags", id)
		}
	}
}

// bigVocab returns the GPT-2 vocabulary grown to n tokens and n merges, the
// size of Llama 3's or Qwen2's.
func bigVocab(t testing.TB, n int) mapMeta {
	md := metaOf(t, "gpt-2")
	tokens, _ := md.Strings("tokenizer.ggml.tokens")
	merges, _ := md.Strings("tokenizer.ggml.merges")
	types, _ := md.Ints("tokenizer.ggml.token_type")
	base := len(tokens)
	for i := base; i < n; i++ { // merges of existing tokens, as real ones are
		a, b := tokens[i%base], tokens[(i*7919)%base]
		tokens = append(tokens, fmt.Sprintf("%s%s%d", a, b, i))
		types = append(types, 1)
		merges = append(merges, a+" "+b)
	}
	return with(with(with(md, "tokenizer.ggml.tokens", tokens), "tokenizer.ggml.merges", merges),
		"tokenizer.ggml.token_type", types)
}

// BenchmarkNew150k builds a tokenizer of 150,000 tokens and merges.
func BenchmarkNew150k(b *testing.B) {
	md := bigVocab(b, 150_000)
	for b.Loop() {
		if _, err := tokenizer.New(md); err != nil {
			b.Fatal(err)
		}
	}
}
