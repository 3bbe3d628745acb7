package tokenizer

import (
	"fmt"
	"strings"
)

// GPT-2's byte-level alphabet: every byte is written as a printable code
// point so that BPE works on text. Printable Latin-1 bytes stand for
// themselves; the others map, in byte order, to U+0100 and up.
var byteRunes, runeBytes = func() (fwd [256]rune, back [0x144]int16) {
	for i := range back {
		back[i] = -1
	}
	n := rune(0)
	for b := range 256 {
		r := rune(b)
		if !(b >= 0x21 && b <= 0x7E || b >= 0xA1 && b <= 0xAC || b >= 0xAE) {
			r = 0x100 + n
			n++
		}
		fwd[b] = r
		back[r] = int16(b)
	}
	return fwd, back
}()

// byteStrings holds byteRunes as UTF-8 strings.
var byteStrings = func() (t [256]string) {
	for b, r := range byteRunes {
		t[b] = string(r)
	}
	return t
}()

// appendByteLevel appends the byte-level spelling of the bytes of s.
func appendByteLevel(dst *strings.Builder, s []byte) {
	for _, c := range s {
		dst.WriteString(byteStrings[c])
	}
}

// decodeByteLevel turns the text of a byte-level token back into bytes.
// A code point outside the alphabet is written as llama.cpp writes it:
// "[UNK_BYTE_0x" + its UTF-8 in hex + the whole token text + "]".
func decodeByteLevel(dst []byte, text string) []byte {
	for i := 0; i < len(text); {
		r, n := decodeCpt(text, i)
		i += n
		if r >= 0 && int(r) < len(runeBytes) && runeBytes[r] >= 0 {
			dst = append(dst, byte(runeBytes[r]))
			continue
		}
		dst = append(dst, "[UNK_BYTE_0x"...)
		for _, c := range appendCpt(nil, r) {
			dst = fmt.Appendf(dst, "%02x", c)
		}
		dst = append(dst, text...)
		dst = append(dst, ']')
	}
	return dst
}
