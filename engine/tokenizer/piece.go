package tokenizer

import "strings"

// Piece returns the text of token id as it should be shown: control tokens
// as written (such as "<|im_end|>"), spaces restored, byte tokens as their
// byte (which may be part of a UTF-8 sequence). An id outside the
// vocabulary gives "".
func (t *Tokenizer) Piece(id int32) string {
	return string(t.appendPiece(nil, id, true))
}

// appendPiece appends the bytes of token id, as llama.cpp's
// llama_token_to_piece; with special false, control and unknown tokens are
// empty.
func (t *Tokenizer) appendPiece(dst []byte, id int32, special bool) []byte {
	if !t.v.valid(id) {
		return dst
	}
	a, text := t.v.attrs[id], t.v.texts[id]
	switch {
	case a.hidden() && !special:
		return dst
	case a&(attrUnknown|attrControl|attrUserDefined) != 0:
		return append(dst, text...)
	case a&attrNormal != 0:
		return t.appendNormal(dst, text)
	case a&attrByte != 0 && t.kind != kindBPE:
		return append(dst, hexByte(text))
	}
	return dst // unused and undefined tokens render as nothing
}

// appendNormal appends the text of a normal token: "▁" back to spaces for
// SentencePiece and WordPiece, byte-level spelling back to bytes for BPE.
func (t *Tokenizer) appendNormal(dst []byte, text string) []byte {
	if t.kind == kindBPE {
		return decodeByteLevel(dst, text)
	}
	return append(dst, strings.ReplaceAll(text, "▁", " ")...)
}

// hexByte reads the byte of a "<0xXX>" token (as strtol would, 0 if the
// digits are not hex).
func hexByte(text string) byte {
	if len(text) < 5 {
		return 0
	}
	var b byte
	for _, c := range []byte(text[3:5]) {
		switch {
		case c >= '0' && c <= '9':
			b = b<<4 | (c - '0')
		case c >= 'a' && c <= 'f':
			b = b<<4 | (c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			b = b<<4 | (c - 'A' + 10)
		default:
			return b
		}
	}
	return b
}

// Decode returns the text of ids as llama.cpp's llama_detokenize does
// without special tokens: control tokens vanish, the space SentencePiece put
// in front of the text is removed, and for vocabularies that ask for it
// (GPT-2 style) spaces before punctuation and contractions are cleaned up.
// Invalid UTF-8 from stray byte tokens is returned as is.
func (t *Tokenizer) Decode(ids []int32) string {
	var b []byte
	stripSpace := t.addSpacePrefix
	for _, id := range ids {
		n := len(b)
		b = t.appendPiece(b, id, false)
		if stripSpace && len(b) > n && b[n] == ' ' {
			b = append(b[:n], b[n+1:]...)
		}
		stripSpace = false
	}
	if t.cleanSpaces {
		b = cleanSpaces(b)
	}
	return string(b)
}
