package tokenizer

// wpmWords splits text into words the way BERT's basic tokenizer does in
// llama.cpp: break at white space, drop control code points, make every
// punctuation mark, ASCII symbol and CJK ideograph a word of its own, and
// normalise (strip accents, lower-case) as the vocabulary asks.
func (t *Tokenizer) wpmWords(text string) []string {
	var words []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(text); {
		r, n := decodeCpt(text, i)
		i += n
		if t.stripAccents {
			r = baseOf(r)
		}
		f := flagsOf(r)
		switch {
		case f.has(fSpace):
			flush()
		case r == 0 || r == 0xFFFD || f.has(fControl):
		case t.stripAccents && f.has(fMark):
		case f.has(fPunct) || r < 0x7F && f.has(fSymbol) || isCJK(r):
			flush()
			words = append(words, string(appendCpt(nil, t.wpmCase(r))))
		default:
			cur = appendCpt(cur, t.wpmCase(r))
		}
	}
	flush()
	return words
}

func (t *Tokenizer) wpmCase(r rune) rune {
	if t.lowercase {
		return toLower(r)
	}
	return r
}

// isCJK reports whether r is a CJK ideograph by BERT's definition (with the
// range HF's Rust tokenizers use for extension E).
func isCJK(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0x20000 && r <= 0x2A6DF || r >= 0x2A700 && r <= 0x2B73F ||
		r >= 0x2B740 && r <= 0x2B81F || r >= 0x2B920 && r <= 0x2CEAF ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0x2F800 && r <= 0x2FA1F
}

// encodeWPM appends the WordPiece tokens of text.
func (t *Tokenizer) encodeWPM(dst []int32, text string) []int32 {
	for _, w := range t.wpmWords(text) {
		dst = t.wpmWord(dst, w)
	}
	return dst
}

// wpmWord appends the tokens of one word: greedy longest match from the
// start, against a vocabulary where word-initial pieces carry "▁" (the GGUF
// conversion turns "##x" into "x" and "x" into "▁x"). A word that cannot be
// covered entirely becomes UNK.
func (t *Tokenizer) wpmWord(dst []int32, word string) []int32 {
	w := "▁" + word
	n := len(dst)
	for i := 0; i < len(w); {
		id, k := t.trie.longest(w[i:])
		if id == NoToken {
			dst = dst[:n]
			break
		}
		dst = append(dst, id)
		i += k
	}
	if len(dst) == n && t.sp.unk != NoToken {
		dst = append(dst, t.sp.unk)
	}
	return dst
}
