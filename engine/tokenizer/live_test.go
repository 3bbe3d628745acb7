package tokenizer_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/tokenizer"
)

// liveTexts are strings of our own, beyond llama.cpp's conformance files:
// scripts, emoji sequences, code, runs of white space, contractions,
// numbers, and special-token text.
var liveTexts = []string{
	"", " ", "  ", "\n", "\t", "Hello world", " Hello world", "Hello  world",
	"   leading", "trailing   ", "\t\ttabs\t", "line1\nline2\r\nline3\n\n\n",
	"  \n  \n  x", "x \n", "a \n\n b", "    four spaces\n        eight\n\t\tmixed",
	"I'm you're we've they'll she'd IT'S WE'RE You'Ll", "don't 'tis o'clock ' ' x '",
	"3.14159 1234567 12 123 1234 ١٢٣ 四十二 ½ Ⅻ 0x1F",
	"naïve café résumé Ångström Füße ß İstanbul ǅ",
	"Привет, мир! Γειά σου Κόσμε", "日本語のテキストと漢字、カタカナ。",
	"中文测试：你好，世界！（括号）", "한국어 텍스트 안녕하세요", "العربية مرحبا بالعالم",
	"हिन्दी में पाठ", "ภาษาไทย ไม่มีช่องว่าง",
	"emoji: 🦙🚀 😶‍🌫️ 👨‍👩‍👧‍👦 🇫🇷 ❤️ ✅ 🏳️‍🌈",
	"func main() {\n\tfmt.Println(\"hi\") // comment\n\treturn x+y*z\n}\n",
	"def f(x):\n    return x ** 2  # square\n\n\nclass A:\n    pass",
	"<html><body class=\"x\">&amp; &lt;tag&gt;</body></html>",
	"$$ ++ <= >= ^^ ~~ || `code` @user #tag %20 a_b a-b a/b a\\b",
	"a\u00a0b\u2003c\u3000d\u200be\u2028f\u202fg", "\u0085next \ufeffbom \u180e",
	"combining: e\u0301 a\u0308 n\u0303 \u0301alone", "!!!???...,,,;;; ?!. , hello , world .",
	"mixed123abc456def7890", "tabs\tand\vvertical\fform\rfeed", "\x01\x02 control \x7f",
	"𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙𝟚 ſ K Ω ﬁ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"<s>hi</s>", " <s> x </s> ", "<|endoftext|>x<|endoftext|>", "<unk> [UNK]",
	"[CLS] query [SEP] passage [SEP]", "[MASK] [PAD]",
	"<|user|>\nhi<|end|>\n<|assistant|>\nok<|end|>", "<|im_start|>user\nhi<|im_end|>",
	"text</s>  after <|endoftext|>  \n more",
	"The quick brown fox jumps over the lazy dog. It's 9:30 a.m. — isn't it?",
	"HelloWorld camelCase XMLHttpRequest iPhone ÀBc ÀB ÉCOLE École straße STRASSE",
	"ПриветМир HELLO's Hello'S ÀB'S aB'd 'sweet 's .'s", "x//\n y/\r\n// a/b", "ǅungla ǈ ǋx",
}

// preNames are the BPE pre-tokenizers checked against llama.cpp on the
// GPT-2 vocabulary (no vocabulary file ships for them): one per distinct
// splitter or set of flags.
var preNames = []string{
	"default", "llama-bpe", "qwen2", "smollm", "starcoder", "deepseek-llm",
	"deepseek-coder", "falcon", "bloom", "viking", "chatglm-bpe", "stablelm2", "gpt-4o",
}

// TestLlamaCpp compares with llama.cpp itself, run through node-llama-cpp:
// tokens with and without special-token parsing, detokenization, the
// rendering of every single token, end-of-generation and control flags;
// then the other pre-tokenizers, over copies of the GPT-2 vocabulary that
// name them. Everything runs in one Node process.
func TestLlamaCpp(t *testing.T) {
	llamaref.Require(t)
	var cases []liveCase
	for _, name := range vocabNames {
		tok := openVocab(t, name)
		cases = append(cases, liveCase{name, tok, llamaref.TokenizeJob{
			Path: vocabPath(t, name), Texts: liveTexts, Size: tok.Size()}})
	}
	texts := append(slices.Clone(liveTexts), conformanceTexts(t)...)
	for _, pre := range preNames {
		path := withPre(t, vocabPath(t, "gpt-2"), pre)
		cases = append(cases, liveCase{"gpt-2/pre=" + pre, openFile(t, path),
			llamaref.TokenizeJob{Path: path, Texts: texts}})
	}
	jobs := make([]llamaref.TokenizeJob, len(cases))
	for i, c := range cases {
		jobs[i] = c.job
	}
	for i, ref := range llamaref.Tokenize(t, jobs) {
		c := cases[i]
		t.Run(c.name, func(t *testing.T) {
			t.Run("texts", func(t *testing.T) { compareTexts(t, c.tok, c.job.Texts, ref) })
			if c.job.Size > 0 {
				t.Run("vocabulary", func(t *testing.T) { compareVocabulary(t, c.tok, ref) })
			}
			checkRole(t, "BOS", c.tok.BOS(), ref.BOS, c.tok)
			if c.tok.AddBOS() != ref.AddBOS {
				t.Errorf("AddBOS() = %v, want %v", c.tok.AddBOS(), ref.AddBOS)
			}
		})
	}
}

// liveCase is one vocabulary compared with llama.cpp.
type liveCase struct {
	name string
	tok  *tokenizer.Tokenizer
	job  llamaref.TokenizeJob
}

// conformanceTexts returns the inputs of llama.cpp's conformance files.
func conformanceTexts(t *testing.T) []string {
	var texts []string
	for _, v := range readVectors(t, vocabPath(t, "gpt-2")) {
		texts = append(texts, v.text)
	}
	return texts
}

// compareTexts checks Encode and Decode against llama.cpp for every text.
func compareTexts(t *testing.T, tok *tokenizer.Tokenizer, texts []string, ref llamaref.TokenizeResult) {
	t.Helper()
	for i, s := range texts {
		want := ref.Texts[i]
		plain := tok.Encode(s, false, false)
		if !slices.Equal(plain, want.Plain) {
			t.Errorf("Encode(%q, parseSpecial=false)\n got %v\nwant %v", s, plain, want.Plain)
		}
		special := tok.Encode(s, false, true)
		if !slices.Equal(special, want.Special) {
			t.Errorf("Encode(%q, parseSpecial=true)\n got %v\nwant %v", s, special, want.Special)
		}
		if got := asJS(tok.Decode(want.Plain)); got != want.Decoded {
			t.Errorf("Decode(%v) = %q, want %q", want.Plain, got, want.Decoded)
		}
		if got := asJS(tok.Decode(want.Special)); got != want.DecodedSpecial {
			t.Errorf("Decode(%v) = %q, want %q", want.Special, got, want.DecodedSpecial)
		}
		if want.Decoded == s && tok.Decode(plain) != s {
			t.Errorf("Decode(Encode(%q)) = %q; llama.cpp round-trips", s, tok.Decode(plain))
		}
		if got, want := tok.Encode(s, true, false), withSpecial(tok, want.Plain, ref); !slices.Equal(got, want) {
			t.Errorf("Encode(%q, addSpecial)\n got %v\nwant %v", s, got, want)
		}
	}
}

// withSpecial returns ids with the tokens llama_tokenize adds for
// add_special: BOS and EOS as the vocabulary says, or for WordPiece
// (which has a SEP token) always [CLS] in front and [SEP] behind.
func withSpecial(tok *tokenizer.Tokenizer, ids []int32, ref llamaref.TokenizeResult) []int32 {
	var out []int32
	if tok.SEP() != tokenizer.NoToken {
		out = append(append(append(out, tok.BOS()), ids...), tok.SEP())
		return out
	}
	if ref.AddBOS {
		out = append(out, tok.BOS())
	}
	out = append(out, ids...)
	if ref.AddEOS {
		out = append(out, tok.EOS())
	}
	return out
}

// compareVocabulary checks the rendering and flags of every token and the
// special ids.
func compareVocabulary(t *testing.T, tok *tokenizer.Tokenizer, ref llamaref.TokenizeResult) {
	t.Helper()
	bad := 0
	for id, want := range ref.Pieces {
		if got := asJS(tok.Decode([]int32{int32(id)})); got != want && bad < 10 {
			bad++
			t.Errorf("Decode([%d]) = %q, want %q", id, got, want)
		}
	}
	for id, want := range ref.SpecialPieces {
		hidden := tok.IsControl(int32(id)) || tok.Type(int32(id)) == tokenizer.TypeUnknown
		if got := tok.Piece(int32(id)); hidden && got != want && bad < 10 {
			bad++
			t.Errorf("Piece(%d) = %q, llama.cpp shows %q", id, got, want)
		}
	}
	if got := idsWhere(tok.Size(), tok.IsEOG); !slices.Equal(got, ref.EOG) {
		t.Errorf("end-of-generation tokens %v, want %v", got, ref.EOG)
	}
	if got := idsWhere(tok.Size(), tok.IsControl); !slices.Equal(got, ref.Control) {
		t.Errorf("control tokens %v, want %v", head(got), head(ref.Control))
	}
	checkRole(t, "EOS", tok.EOS(), ref.EOS, tok)
	checkRole(t, "EOT", tok.EOT(), ref.EOT, tok)
}

// checkRole compares a special id; node-llama-cpp reports -1 for a role
// whose token is not a control token, so then ours must not be one either.
func checkRole(t *testing.T, role string, got, want int32, tok *tokenizer.Tokenizer) {
	t.Helper()
	if want >= 0 && got != want || want < 0 && got != tokenizer.NoToken && tok.IsControl(got) {
		t.Errorf("%s = %d, llama.cpp says %d", role, got, want)
	}
}

func idsWhere(n int, pred func(int32) bool) []int32 {
	var ids []int32
	for id := range int32(n) {
		if pred(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func head(ids []int32) []int32 { return ids[:min(len(ids), 20)] }

// asJS converts bytes to the string JavaScript makes of them: each maximal
// invalid UTF-8 subsequence becomes one U+FFFD (the WHATWG decoder, which V8
// follows).
func asJS(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || n > 1 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteRune(utf8.RuneError)
		i += maximalSubpart(s[i:])
	}
	return b.String()
}

// maximalSubpart returns the length of the longest prefix of s that starts
// a valid UTF-8 sequence (at least 1).
func maximalSubpart(s string) int {
	for n := min(len(s), utf8.UTFMax-1); n > 1; n-- {
		if startsValid(s[:n]) {
			return n
		}
	}
	return 1
}

func startsValid(p string) bool {
	for _, fill := range []byte{0x80, 0xBF} {
		b := append([]byte(p), bytes.Repeat([]byte{fill}, utf8.UTFMax-len(p))...)
		if r, n := utf8.DecodeRune(b); r != utf8.RuneError && n > len(p) {
			return true
		}
	}
	return false
}

// withPre writes a copy of a GGUF vocabulary whose tokenizer.ggml.pre says
// pre, so that llama.cpp runs another pre-tokenizer over the same vocabulary.
func withPre(t *testing.T, src, pre string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	const key = "tokenizer.ggml.pre"
	var lenKey [8]byte
	binary.LittleEndian.PutUint64(lenKey[:], uint64(len(key)))
	at := bytes.Index(data, append(lenKey[:], key...))
	if at < 0 {
		t.Fatalf("%s has no %s", src, key)
	}
	v := at + 8 + len(key) // value: u32 type (8 = string), u64 length, bytes
	if binary.LittleEndian.Uint32(data[v:]) != 8 {
		t.Fatalf("%s: %s is not a string", src, key)
	}
	old := int(binary.LittleEndian.Uint64(data[v+4:]))
	var out bytes.Buffer
	out.Write(data[:v+4])
	binary.Write(&out, binary.LittleEndian, uint64(len(pre)))
	out.WriteString(pre)
	out.Write(data[v+12+old:])
	path := filepath.Join(t.TempDir(), "vocab-"+pre+".gguf")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
