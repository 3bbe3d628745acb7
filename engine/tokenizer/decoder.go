package tokenizer

import "unicode/utf8"

// Decoder turns generated token ids into text as they come. Byte tokens can
// split a character over several ids; a Decoder holds such a partial UTF-8
// sequence back until it is complete, so that what it returns is always
// valid UTF-8. Bytes that cannot become valid come out as U+FFFD.
//
// Pieces are joined as llama_token_to_piece gives them, the way llama.cpp's
// server streams: control tokens are dropped, no leading space is removed
// and no spaces are cleaned up (Decode does both, on a whole sequence).
type Decoder struct {
	t       *Tokenizer
	pending []byte
}

// NewDecoder returns a streaming decoder for this vocabulary.
func (t *Tokenizer) NewDecoder() *Decoder { return &Decoder{t: t} }

// Add feeds the next token and returns the text it completes, possibly "".
func (d *Decoder) Add(id int32) string {
	d.pending = d.t.appendPiece(d.pending, id, false)
	n := completePrefix(d.pending)
	out := validString(d.pending[:n])
	d.pending = append(d.pending[:0], d.pending[n:]...)
	return out
}

// Flush returns what is held back (a UTF-8 sequence that never completed,
// as U+FFFD) and empties the decoder.
func (d *Decoder) Flush() string {
	out := validString(d.pending)
	d.pending = d.pending[:0]
	return out
}

// completePrefix returns the length of b without a trailing sequence that
// is a valid but incomplete start of a UTF-8 character.
func completePrefix(b []byte) int {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
		start := len(b) - k
		c := b[start]
		if c < utf8.RuneSelf {
			return len(b)
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[start:]) && validPrefix(b[start:]) {
				return start
			}
			return len(b)
		}
	}
	return len(b)
}

// validPrefix reports whether b can be extended into a valid UTF-8
// character.
func validPrefix(b []byte) bool {
	var buf [utf8.UTFMax]byte
	n := copy(buf[:], b)
	for _, fill := range []byte{0x80, 0xBF} {
		for i := n; i < utf8.UTFMax; i++ {
			buf[i] = fill
		}
		if r, size := utf8.DecodeRune(buf[:]); r != utf8.RuneError || size > 1 {
			return true
		}
	}
	return false
}

// validString converts b to a string, replacing every invalid byte with
// U+FFFD.
func validString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out := make([]byte, 0, len(b)+8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		out = utf8.AppendRune(out, r)
		b = b[size:]
	}
	return string(out)
}
