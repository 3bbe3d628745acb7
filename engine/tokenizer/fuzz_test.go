package tokenizer_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hearth-app/hearth/engine/tokenizer"
)

// FuzzEncode encodes arbitrary bytes with every shared vocabulary, with and
// without special tokens: no panic, ids in range, a streaming decode that
// only ever returns valid UTF-8, and the round trips llama.cpp has: of
// valid UTF-8 without "▁" for llama-spm, without the patterns its decoder
// cleans up for gpt-2. (With invalid UTF-8, a lead byte can swallow part of
// the "▁" a space became, and the space does not come back.)
func FuzzEncode(f *testing.F) {
	toks := map[string]*tokenizer.Tokenizer{}
	for _, name := range vocabNames {
		toks[name] = openVocab(f, name)
	}
	f.Add("Hello world")
	f.Fuzz(func(t *testing.T, s string) {
		for name, tok := range toks {
			for _, special := range []bool{false, true} {
				checkIDs(t, name, tok, tok.Encode(s, special, special))
			}
		}
		if !utf8.ValidString(s) {
			return
		}
		if !strings.Contains(s, "▁") {
			roundTrip(t, toks["llama-spm"], s)
		}
		if !containsAny(s, " ?", " !", " .", " ,", " '") {
			roundTrip(t, toks["gpt-2"], s)
		}
	})
}

func checkIDs(t *testing.T, name string, tok *tokenizer.Tokenizer, ids []int32) {
	t.Helper()
	d := tok.NewDecoder()
	for _, id := range ids {
		if id < 0 || int(id) >= tok.Size() {
			t.Fatalf("%s: id %d out of range", name, id)
		}
		if out := d.Add(id); !utf8.ValidString(out) {
			t.Fatalf("%s: Decoder.Add(%d) = %q", name, id, out)
		}
	}
	if out := d.Flush(); !utf8.ValidString(out) {
		t.Fatalf("%s: Decoder.Flush() = %q", name, out)
	}
	_ = tok.Decode(ids)
}

func roundTrip(t *testing.T, tok *tokenizer.Tokenizer, s string) {
	t.Helper()
	if got := tok.Decode(tok.Encode(s, false, false)); got != s {
		t.Fatalf("Decode(Encode(%q)) = %q", s, got)
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// FuzzNew builds tokenizers from arbitrary vocabularies, as a hostile GGUF
// file could declare them, and uses them: no panic.
func FuzzNew(f *testing.F) {
	f.Add(uint8(0), uint8(0), "<unk>\n<s>\n</s>\n▁a\na", "", []byte{2, 3, 3, 1, 1}, "a a", uint8(1))
	f.Fuzz(func(t *testing.T, model, pre uint8, tokens, merges string, types []byte, text string, id uint8) {
		md := fuzzMeta(model, pre, tokens, merges, types, id)
		tok, err := tokenizer.New(md)
		if err != nil {
			return
		}
		for _, special := range []bool{false, true} {
			checkIDs(t, "fuzzed", tok, tok.Encode(text, special, special))
		}
		for i := range int32(tok.Size()) {
			_ = tok.Piece(i)
		}
	})
}

// fuzzMeta turns fuzz input into tokenizer metadata.
func fuzzMeta(model, pre uint8, tokens, merges string, types []byte, id uint8) mapMeta {
	models := []string{"llama", "gpt2", "bert"}
	pres := []string{"default", "llama-bpe", "qwen2", "smollm", "gpt-2", "deepseek-llm",
		"deepseek-coder", "falcon", "bloom", "chatglm-bpe", "gpt-4o"}
	toks := strings.Split(tokens, "\n")
	if len(toks) > 512 {
		toks = toks[:512]
	}
	md := mapMeta{
		"tokenizer.ggml.model":  models[int(model)%len(models)],
		"tokenizer.ggml.pre":    pres[int(pre)%len(pres)],
		"tokenizer.ggml.tokens": toks,
		"tokenizer.ggml.merges": strings.Split(merges, "\n"),
		"general.name":          []string{"phi3", "x"}[int(model)%2],
	}
	scores := make([]float32, len(toks))
	ts := make([]int64, len(toks))
	for i := range toks {
		scores[i] = float32(len(toks[i]) - i%7)
		if len(types) > 0 {
			ts[i] = int64(types[i%len(types)] % 8)
		}
	}
	md["tokenizer.ggml.scores"] = scores
	md["tokenizer.ggml.token_type"] = ts
	for i, k := range []string{"bos", "eos", "unknown", "seperator", "eot"} {
		md["tokenizer.ggml."+k+"_token_id"] = uint64(int(id) + i)
	}
	md["tokenizer.ggml.add_bos_token"] = id%2 == 0
	md["tokenizer.ggml.add_eos_token"] = id%3 == 0
	md["tokenizer.ggml.normalizer.lowercase"] = id%5 != 0
	return md
}
