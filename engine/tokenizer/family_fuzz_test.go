package tokenizer_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hearth-app/hearth/engine/tokenizer"
)

// The fuzz targets below check, per tokenizer family and with the shared
// real vocabularies, what each family promises beyond FuzzEncode's
// no-panic and ids-in-range: the same ids for the same text, no control
// token out of plain text (text that spells "<s>" or "[CLS]" must not become
// one when special tokens are not parsed), and the round trip the family
// has.

// checkPlain encodes s without special tokens and checks determinism, ids
// in range and that no control token but the unknown one appears. It
// returns the ids.
func checkPlain(t *testing.T, name string, tok *tokenizer.Tokenizer, s string) []int32 {
	t.Helper()
	ids := tok.Encode(s, false, false)
	if again := tok.Encode(s, false, false); !slices.Equal(ids, again) {
		t.Fatalf("%s: Encode(%q) gave %v, then %v", name, s, ids, again)
	}
	checkIDs(t, name, tok, ids)
	for _, id := range ids {
		if tok.IsControl(id) && id != tok.UNK() { // unknown text is [UNK]
			t.Fatalf("%s: plain text %q became control token %d (%q)", name, s, id, tok.Piece(id))
		}
	}
	return ids
}

// FuzzSentencePiece: llama-spm and phi-3 give valid UTF-8 without "▁" back
// unchanged.
func FuzzSentencePiece(f *testing.F) {
	toks := map[string]*tokenizer.Tokenizer{"llama-spm": openVocab(f, "llama-spm"), "phi-3": openVocab(f, "phi-3")}
	for _, s := range []string{"Hello world", " lead  spaces ", "<s>[INST] über café </s>", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, tok := range toks {
			ids := checkPlain(t, name, tok, s)
			if utf8.ValidString(s) && !strings.Contains(s, "▁") {
				if got := tok.Decode(ids); got != s {
					t.Fatalf("%s: Decode(Encode(%q)) = %q", name, s, got)
				}
			}
		}
	})
}

// FuzzBPE: gpt-2's byte-level BPE gives any valid UTF-8 back unchanged,
// except for the patterns its decoder cleans up (" ?", " '", ...).
func FuzzBPE(f *testing.F) {
	tok := openVocab(f, "gpt-2")
	for _, s := range []string{"Hello world", "<|endoftext|> don't\n\n\tx", "🙂 中文", "\xe2\x82"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ids := checkPlain(t, "gpt-2", tok, s)
		if utf8.ValidString(s) && !containsAny(s, " ?", " !", " .", " ,", " '") {
			if got := tok.Decode(ids); got != s {
				t.Fatalf("Decode(Encode(%q)) = %q", s, got)
			}
		}
	})
}

// FuzzWordPiece: BERT's WordPiece lowercases, strips accents and splits
// punctuation, so text does not come back as it was; but words of
// lower-case ASCII letters and digits come back as " " and the words
// joined by single spaces, and decoding is stable: encoding the decoded
// text gives the same ids again.
func FuzzWordPiece(f *testing.F) {
	tok := openVocab(f, "bert-bge")
	for _, s := range []string{"hello world", "Über café, [CLS] don't!", "a  b\tc", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ids := checkPlain(t, "bert-bge", tok, s)
		if !utf8.ValidString(s) || slices.Contains(ids, tok.UNK()) {
			return
		}
		decoded := tok.Decode(ids)
		if again := tok.Encode(decoded, false, false); !slices.Equal(again, ids) {
			t.Fatalf("Encode(Decode(Encode(%q))) = %v, want %v (decoded %q)", s, again, ids, decoded)
		}
		if words := strings.Fields(s); len(words) > 0 && plainWords(words) {
			if want := " " + strings.Join(words, " "); decoded != want {
				t.Fatalf("Decode(Encode(%q)) = %q, want %q", s, decoded, want)
			}
		}
	})
}

// plainWords reports whether every word is 1 to 32 lower-case ASCII letters
// and digits.
func plainWords(words []string) bool {
	for _, w := range words {
		if len(w) > 32 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
			return false
		}
	}
	return true
}
