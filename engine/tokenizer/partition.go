package tokenizer

import "strings"

// fragment is a piece of the input: raw text text[start:end], or, when id is
// not NoToken, a special token found in the text.
type fragment struct {
	start, end int
	id         int32
}

// partition cuts text at the special tokens written in it. Like llama.cpp,
// it takes the special tokens one by one, longest first, and splits every
// remaining raw fragment at each occurrence. Control and unknown tokens are
// only recognised with parseSpecial; user-defined tokens always are.
func (t *Tokenizer) partition(text string, parseSpecial bool) []fragment {
	if text == "" {
		return nil
	}
	var present [256]bool
	for i := 0; i < len(text); i++ {
		present[text[i]] = true
	}
	frags := []fragment{{0, len(text), NoToken}}
	var next []fragment
	for _, id := range t.specials {
		a := t.v.attrs[id]
		tok := t.v.texts[id]
		if !parseSpecial && a.hidden() || !present[tok[0]] {
			continue
		}
		next = splitAt(next[:0], text, frags, tok, id, a)
		frags, next = next, frags
	}
	return frags
}

// splitAt appends to dst the fragments of frags with every raw fragment cut
// at the occurrences of special token tok.
func splitAt(dst []fragment, text string, frags []fragment, tok string, id int32, a attr) []fragment {
	for _, f := range frags {
		if f.id != NoToken {
			dst = append(dst, f)
			continue
		}
		dst = splitRaw(dst, text, f.start, f.end, tok, id, a)
	}
	return dst
}

// splitRaw cuts the raw fragment text[start:end] at the occurrences of tok,
// stripping white space beside them as the token's lstrip/rstrip
// attributes say.
func splitRaw(dst []fragment, text string, start, end int, tok string, id int32, a attr) []fragment {
	for start < end {
		i := strings.Index(text[start:end], tok)
		if i < 0 {
			break
		}
		m := start + i
		left := m
		if a&attrLStrip != 0 {
			for left > start && isCSpace(text[left-1]) {
				left--
			}
		}
		if left > start {
			dst = append(dst, fragment{start, left, NoToken})
		}
		dst = append(dst, fragment{m, m + len(tok), id})
		start = m + len(tok)
		if a&attrRStrip != 0 {
			for start < end && isCSpace(text[start]) {
				start++
			}
		}
	}
	if start < end {
		dst = append(dst, fragment{start, end, NoToken})
	}
	return dst
}

// isCSpace is C's isspace in the "C" locale.
func isCSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}
