package tokenizer_test

import (
	"strings"
	"testing"
)

// benchText returns about n bytes of mixed prose, code and non-Latin text.
func benchText(n int) string {
	const para = "The quick brown fox jumps over the lazy dog; it's 9:30 and 1234567 tokens later, " +
		"func main() {\n\tfmt.Println(\"héllo wörld\") // ça va?\n}\n" +
		"Привет, мир! 日本語のテキスト。中文测试：你好，世界！ 🦙🚀 naïve café.\n\n"
	return strings.Repeat(para, n/len(para)+1)[:n]
}

// BenchmarkEncode1MB encodes one megabyte with each shared vocabulary.
func BenchmarkEncode1MB(b *testing.B) {
	text := benchText(1 << 20)
	for _, name := range vocabNames {
		b.Run(name, func(b *testing.B) {
			tok := openVocab(b, name)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				tok.Encode(text, true, false)
			}
		})
	}
}

// randomText returns about n bytes of words of random letters, so that no
// word repeats and caches do not help.
func randomText(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789éüßжщ日本語中文🦙.,;'"
	runes := []rune(alphabet)
	var b strings.Builder
	x := uint64(42)
	for b.Len() < n {
		for range 2 + int(x%9) {
			x = x*6364136223846793005 + 1442695040888963407
			b.WriteRune(runes[(x>>33)%uint64(len(runes))])
		}
		b.WriteByte(" \n "[x>>60%3])
	}
	return b.String()[:n]
}

// BenchmarkEncode1MBRandom encodes one megabyte of words that never repeat.
func BenchmarkEncode1MBRandom(b *testing.B) {
	text := randomText(1 << 20)
	for _, name := range vocabNames {
		b.Run(name, func(b *testing.B) {
			tok := openVocab(b, name)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				tok.Encode(text, true, false)
			}
		})
	}
}
