package tokenizer

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cptFlags classifies a code point the way llama.cpp's unicode tables do:
// one general category bit, plus whether it is white space.
type cptFlags uint16

const (
	fUndefined cptFlags = 1 << iota // Cn, or beyond U+10FFFF
	fNumber                         // \p{N}
	fLetter                         // \p{L}
	fSeparator                      // \p{Z}
	fMark                           // \p{M}
	fPunct                          // \p{P}
	fSymbol                         // \p{S}
	fControl                        // Cc, Cf, Co, Cs
	fSpace                          // llama.cpp's white space set
)

func (f cptFlags) has(g cptFlags) bool { return f&g != 0 }

// asciiFlags holds the flags of U+0000..U+007F; it is computed once and
// never written again.
var asciiFlags = func() (t [128]cptFlags) {
	for r := range rune(128) {
		t[r] = slowFlags(r)
	}
	return t
}()

// flagsOf returns the flags of code point r.
func flagsOf(r rune) cptFlags {
	if r >= 0 && r < 128 {
		return asciiFlags[r]
	}
	return slowFlags(r)
}

func slowFlags(r rune) cptFlags {
	f := category(r)
	if isSpace(r) {
		f |= fSpace
	}
	return f
}

// category maps r to its general category, using Go's tables plus the code
// points Unicode 15.1 added (llama.cpp's tables are 15.1, Go's are 15.0).
func category(r rune) cptFlags {
	switch {
	case r < 0 || r > unicode.MaxRune:
		return fUndefined
	case unicode.IsLetter(r) || (r >= 0x2EBF0 && r <= 0x2EE5D):
		return fLetter
	case unicode.IsMark(r):
		return fMark
	case unicode.IsNumber(r):
		return fNumber
	case unicode.IsPunct(r):
		return fPunct
	case unicode.IsSymbol(r) || (r >= 0x2FFC && r <= 0x2FFF) || r == 0x31EF:
		return fSymbol
	case unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp):
		return fSeparator
	case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs):
		return fControl
	}
	return fUndefined
}

// isSpace reports whether r is in Unicode's White_Space property, the set
// llama.cpp calls white space (and which std::regex's \s sees after
// llama.cpp maps non-ASCII white space to U+000B).
func isSpace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0D, r == 0x20:
		return true
	case r < 0x85:
		return false
	case r == 0x85, r == 0xA0, r == 0x1680, r >= 0x2000 && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// decodeCpt decodes the code point at s[i] as llama.cpp does: a lenient
// decoder that checks lead and continuation bits but not overlong forms or
// surrogates. An invalid byte yields U+FFFD and a size of 1.
func decodeCpt(s string, i int) (rune, int) {
	c := s[i]
	size, lead := utf8Shape(c)
	if size == 0 || i+size > len(s) {
		return utf8.RuneError, 1
	}
	r := rune(lead)
	for k := 1; k < size; k++ {
		b := s[i+k]
		if b&0xC0 != 0x80 {
			return utf8.RuneError, 1
		}
		r = r<<6 | rune(b&0x3F)
	}
	if r > unicode.MaxRune {
		// llama.cpp would throw while re-encoding such a code point.
		return utf8.RuneError, size
	}
	return r, size
}

// utf8Shape returns the sequence length announced by lead byte c and the
// payload bits of c, or a size of 0 for a byte that cannot start a sequence.
func utf8Shape(c byte) (size int, lead byte) {
	switch {
	case c < 0x80:
		return 1, c
	case c&0x40 == 0:
		return 0, 0
	case c&0x20 == 0:
		return 2, c & 0x1F
	case c&0x10 == 0:
		return 3, c & 0x0F
	case c&0x08 == 0:
		return 4, c & 0x07
	}
	return 0, 0
}

// seqLen is llama.cpp's unicode_len_utf8: the length a lead byte announces,
// 1 for continuation bytes.
func seqLen(c byte) int {
	switch c >> 4 {
	case 0xC, 0xD:
		return 2
	case 0xE:
		return 3
	case 0xF:
		return 4
	}
	return 1
}

// decodeCpts decodes s into code points with decodeCpt.
func decodeCpts(dst []rune, s string) []rune {
	for i := 0; i < len(s); {
		r, n := decodeCpt(s, i)
		dst = append(dst, r)
		i += n
	}
	return dst
}

// appendCpt appends the UTF-8 encoding of r; unlike utf8.AppendRune it
// encodes surrogates as they are, as llama.cpp does.
func appendCpt(dst []byte, r rune) []byte {
	switch {
	case r < 0x80:
		return append(dst, byte(r))
	case r < 0x800:
		return append(dst, 0xC0|byte(r>>6), 0x80|byte(r)&0x3F)
	case r < 0x10000:
		return append(dst, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
	}
	return append(dst, 0xF0|byte(r>>18), 0x80|byte(r>>12)&0x3F, 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
}

// toLower is Unicode's simple lower-case mapping (llama.cpp's table holds
// the same mappings).
func toLower(r rune) rune {
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// baseOf returns the first code point of r's canonical decomposition (NFD),
// or r itself: llama.cpp's "NFD" keeps only that code point.
func baseOf(r rune) rune {
	if r < 0xC0 {
		return r
	}
	if r >= 0xAC00 && r <= 0xD7A3 { // Hangul syllables decompose algorithmically
		return 0x1100 + (r-0xAC00)/588
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Properties(buf[:n]).Decomposition()
	if len(d) == 0 {
		return r
	}
	first, _ := utf8.DecodeRune(d)
	return first
}
