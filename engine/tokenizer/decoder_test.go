package tokenizer_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hearth-app/hearth/engine/tokenizer"
)

// TestDecoderStreaming feeds token by token text whose characters are split
// across byte tokens (SentencePiece byte fallback, byte-level BPE): every
// chunk the decoder returns must be valid UTF-8, some must be held back, and
// together they must give the text back (SentencePiece with the space it
// puts in front).
func TestDecoderStreaming(t *testing.T) {
	texts := []string{
		"🦙 llamas, 😶\u200d🌫️ fog and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
		"🇫🇷🦙🦙 Ω≈ç√∫ 한국어 ⿰",
		"\U0001F9D1\u200D\U0001F4BB at work",
	}
	vocabs := []struct {
		name   string
		prefix string
	}{{"llama-spm", " "}, {"phi-3", " "}, {"gpt-2", ""}}
	for _, v := range vocabs {
		t.Run(v.name, func(t *testing.T) {
			tok := openVocab(t, v.name)
			for _, s := range texts {
				got, held := stream(t, tok, tok.Encode(s, false, false))
				if got != v.prefix+s {
					t.Errorf("streamed %q, want %q", got, v.prefix+s)
				}
				if held == 0 {
					t.Errorf("%q: no token was held back; the test does not split characters", s)
				}
			}
		})
	}
}

// stream decodes ids one at a time and returns the text and how many ids
// produced nothing.
func stream(t *testing.T, tok *tokenizer.Tokenizer, ids []int32) (string, int) {
	t.Helper()
	d := tok.NewDecoder()
	var b strings.Builder
	held := 0
	for _, id := range ids {
		out := d.Add(id)
		if !utf8.ValidString(out) {
			t.Fatalf("Add(%d) = %q: invalid UTF-8", id, out)
		}
		if out == "" {
			held++
		}
		b.WriteString(out)
	}
	rest := d.Flush()
	if !utf8.ValidString(rest) {
		t.Fatalf("Flush() = %q: invalid UTF-8", rest)
	}
	return b.String() + rest, held
}

// TestDecoderBrokenSequence checks that bytes which cannot become a
// character come out as U+FFFD instead of being held forever.
func TestDecoderBrokenSequence(t *testing.T) {
	tok := openVocab(t, "llama-spm")
	byteTok := func(s string) int32 {
		id, ok := tok.TokenID(s)
		if !ok || tok.Type(id) != tokenizer.TypeByte {
			t.Fatalf("no byte token %s", s)
		}
		return id
	}
	a, ok := tok.TokenID("a")
	if !ok {
		t.Fatal("no token a")
	}
	tests := []struct {
		name  string
		ids   []int32
		flush bool
		want  string
	}{
		{"truncated then ASCII", []int32{byteTok("<0xE6>"), byteTok("<0x97>"), a}, false, "\uFFFD\uFFFDa"},
		{"stray continuation", []int32{byteTok("<0x97>"), a}, false, "\uFFFDa"},
		{"impossible lead", []int32{byteTok("<0xFF>"), a}, false, "\uFFFDa"},
		{"overlong start", []int32{byteTok("<0xE0>"), byteTok("<0x80>")}, false, "\uFFFD\uFFFD"},
		{"pending at flush", []int32{byteTok("<0xF0>"), byteTok("<0x9F>")}, true, "\uFFFD\uFFFD"},
		{"complete", []int32{byteTok("<0xE6>"), byteTok("<0x97>"), byteTok("<0xA5>")}, false, "日"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tok.NewDecoder()
			var got strings.Builder
			for _, id := range tt.ids {
				got.WriteString(d.Add(id))
			}
			if tt.flush {
				got.WriteString(d.Flush())
			}
			if got.String() != tt.want {
				t.Errorf("got %q, want %q", got.String(), tt.want)
			}
		})
	}
}
