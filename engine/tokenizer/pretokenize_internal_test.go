package tokenizer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
)

// The regex lists llama.cpp's llama-vocab.cpp gives each pre-tokenizer,
// with C escapes resolved. JavaScript runs them as the reference.
var (
	reGPT2   = `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)`
	reLlama3 = `(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
	reQwen2  = `(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
	reBloom  = " ?[^(\\s|.,!?\u2026\u3002\uff0c\u3001\u0964\u06d4\u060c)]+"
	reGPT4o  = `[^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))*((?=[\p{L}])([^A-Z]))+(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|[^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))+((?=[\p{L}])([^A-Z]))*(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`
	reCJK    = "[\u4e00-\u9fa5\u0800-\u4e00\uac00-\ud7ff]+"

	preRegexes = map[string][]string{
		"gpt-2":     {reGPT2},
		"llama-bpe": {reLlama3},
		"qwen2":     {reQwen2},
		"gpt-4o":    {reGPT4o},
		"smollm":    {`\p{N}`, reGPT2},
		"default":   {`[\p{P}\$\+<=>\^~\|]+`, reGPT2, `\p{N}+`, `[0-9][0-9][0-9]`},
		"falcon":    {`[\p{P}\$\+<=>\^~\|` + "`" + `]+`, reGPT2, `[0-9][0-9][0-9]`},
		"deepseek-llm": {"[\r\n]",
			"\\s?[A-Za-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u01ba\u01bc-\u01bf\u01c4-\u0293\u0295-\u02af\u0370-\u0373\u0376\u0377\u037b-\u037d\u037f\u0386\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03f5\u03f7-\u0481\u048a-\u052f\u0531-\u0556\u10a0-\u10c5\u13a0-\u13f5\u13f8-\u13fd\u1c90-\u1cba\u1cbd-\u1cbf\u1d00-\u1d2b\u1d6b-\u1d77\u1d79-\u1d9a\u1e00-\u1f15\u1f18-\u1f1d\u1f20-\u1f45\u1f48-\u1f4d\u1f50-\u1f57\u1f59\u1f5b\u1f5d\u1f5f-\u1f7d\u1f80-\u1fb4\u1fb6-\u1fbc\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fcc\u1fd0-\u1fd3\u1fd6-\u1fdb\u1fe0-\u1fec\u1ff2-\u1ff4\u1ff6-\u1ffc\u2102\u2107\u210a-\u2113\u2115\u2119-\u211d\u2124\u2126\u2128\u212a-\u212d\u212f-\u2134\u2139\u213c-\u213f\u2145-\u2149\u214e\u2183\u2184\u2c00-\u2c7b\u2c7e-\u2ce4\u2ceb-\u2cee\u2cf2\u2cf3\ua640-\ua66d\ua680-\ua69b\ua722-\ua76f\ua771-\ua787\ua78b-\ua78e\uab70-\uabbf\ufb00-\ufb06\ufb13-\ufb17\uff21-\uff3a\uff41-\uff5a\U00010400-\U0001044f\U000104b0-\U000104d3\U000104d8-\U000104fb\U00010c80-\U00010cb2\U00010cc0-\U00010cf2\U000118a0-\U000118df\U0001e900-\U0001e943]+",
			"\\s?[!-/:-~\uff01-\uff0f\uff1a-\uff5e\u2018-\u201f\u3000-\u3002]+",
			`\s+$`, reCJK, `\p{N}+`},
		"deepseek-coder": {"[\r\n]", `\s?\p{L}+`, `\s?\p{P}+`, reCJK, `\p{N}`},
		"bloom":          {reBloom},
		"viking":         {reBloom, `\p{N}`},
	}
)

// splitTexts are inputs for the splitters. They avoid U+0085 and U+FEFF,
// which JavaScript's \s and llama.cpp's white space disagree on (the
// comparison with llama.cpp itself covers them).
var splitTexts = []string{
	"Hello world", " Hello  world ", "   leading and trailing   ", "\t\ttabs\t x",
	"line1\nline2\r\nline3\n\n\n", "  \n  \n  x", "x \n", "a \n\n b", "\n \n\t\n ",
	"I'm you're we've they'll she'd IT'S WE'RE You'Ll 'S 'x ''s", "don't 'tis o'clock ' ' x '",
	"3.14159 1234567 12 123 1234 12345678901 ١٢٣٤ 四十二 ½ Ⅻ ²³ 0x1F",
	"naïve café résumé Ångström Füße ß ǅ e\u0301 a\u0308 \u0301alone",
	"Привет, мир! Γειά σου Κόσμε", "日本語のテキストと漢字、カタカナ。ｈａｌｆ　ｗｉｄｔｈ",
	"中文测试：你好，世界！（括号）", "한국어 텍스트 안녕하세요", "العربية مرحبا بالعالم",
	"हिन्दी में पाठ", "ภาษาไทย ไม่มีช่องว่าง", "emoji: 🦙🚀 😶\u200d🌫️ 👨\u200d👩\u200d👧 🇫🇷 ❤️ ✅",
	"func main() {\n\tfmt.Println(\"hi\") // comment\n\treturn x+y*z\n}\n",
	"def f(x):\n    return x ** 2  # square\n\n\nclass A:\n    pass",
	"<html><body class=\"x\">&amp; &lt;tag&gt;</body></html>",
	"$$ ++ <= >= ^^ ~~ || `code` @user #tag %20 a_b a-b a/b a\\b …“quotes”‘single’",
	"!!!???...,,,;;; ?!. , hello , world .\r\n\r\n", "mixed123abc456def7890",
	"tabs\tand\vvertical\fform\rfeed", "\x01\x02 control \x7f \u200b zw", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙𝟚 ſ K Ω ﬁ",
	" ", "  ", "\n", "a", "'", " '", "' ", "  \t  ", "x  ", "  x", "x\u00a0\u00a0y", "x\u2003 y",
	"The quick brown fox jumps over the lazy dog. It's 9:30 a.m. — isn't it?",
	"HelloWorld camelCase XMLHttpRequest iPhone ÀBc ÀB ÉCOLE École straße STRASSE",
	"ПриветМир HELLO's Hello'S ÀB'S aB'd 'sweet 's .'s", "x//\n y/\r\n// a/b", "ǅungla ǈ ǋx",
}

// TestSplittersAgainstRegexes compares every hand-written pre-tokenizer
// with the regexes it implements, run by JavaScript.
func TestSplittersAgainstRegexes(t *testing.T) {
	llamaref.Require(t)
	texts := append(slices.Clone(splitTexts), conformanceInputs(t)...)
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range preRegexes {
			if !yield(k) {
				return
			}
		}
	})
	jobs := make([]llamaref.RegexJob, len(names))
	for i, name := range names {
		jobs[i] = llamaref.RegexJob{Regexes: preRegexes[name], Texts: textsFor(name, texts)}
	}
	for i, want := range llamaref.RegexSplit(t, jobs) {
		name := names[i]
		t.Run(name, func(t *testing.T) {
			p, ok := presetFor(name)
			if !ok {
				t.Fatalf("no preset %q", name)
			}
			for k, s := range jobs[i].Texts {
				if got := pieces(p.pipeline, s); !slices.Equal(got, want[k]) {
					t.Errorf("%q:\n got %q\nwant %q", s, got, want[k])
				}
			}
		})
	}
}

// textsFor drops, for the DeepSeek pre-tokenizers, texts with non-ASCII
// white space: llama.cpp runs their bracket-only regexes with such white
// space replaced by U+000B, so it never falls in their code point ranges,
// while JavaScript sees the code point itself.
func textsFor(name string, texts []string) []string {
	if !strings.HasPrefix(name, "deepseek") {
		return texts
	}
	return slices.DeleteFunc(slices.Clone(texts), func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return r > 0x7F && isSpace(r) })
	})
}

// pieces returns the pre-tokens of s as strings.
func pieces(p pipeline, s string) []string {
	c := newCptText(s)
	out := []string{}
	start := 0
	for _, end := range p.run(c) {
		out = append(out, string(c.cpts[start:end]))
		start = end
	}
	return out
}

// conformanceInputs returns the inputs of llama.cpp's conformance file.
func conformanceInputs(t *testing.T) []string {
	raw, err := os.ReadFile(filepath.Join(llamaref.TestData(), "vocab", "ggml-vocab-gpt-2.gguf.inp"))
	if err != nil {
		t.Skipf("shared test data missing: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(raw), "\n__ggml_vocab_test__\n"), "\n__ggml_vocab_test__\n")
}
