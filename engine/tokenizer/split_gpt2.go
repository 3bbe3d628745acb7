package tokenizer

// gpt2Piece splits by GPT-2's pattern
//
//	's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//
// the way llama.cpp's hand-written matcher for it does.
func gpt2Piece(s seg, pos int) int {
	r := s.cpt(pos)
	if r == '\'' && pos+1 < s.end {
		if n := contraction(s, pos, false); n > 0 {
			return pos + n
		}
	}
	f, lead := s.flags(pos), 0
	if r == ' ' {
		f, lead = s.flags(pos+1), 1
	}
	switch {
	case f.has(fLetter):
		return s.runEnd(pos+lead, fLetter)
	case f.has(fNumber):
		return s.runEnd(pos+lead, fNumber)
	case f != 0 && !f.has(fSpace|fLetter|fNumber):
		return otherEnd(s, pos+lead)
	}
	return spaceEnd(s, pos)
}

// contraction returns the length of 's 't 'm 'd 're 've 'll at pos (the
// apostrophe), 0 if none; fold makes the letters case-insensitive.
func contraction(s seg, pos int, fold bool) int {
	c1 := s.cpt(pos + 1)
	if fold {
		c1 = toLower(c1)
	}
	switch c1 {
	case 's', 't', 'm', 'd':
		return 2
	}
	if pos+2 >= s.end {
		return 0
	}
	c2 := s.cpt(pos + 2)
	if fold {
		c2 = toLower(c2)
	}
	if c1 == 'r' && c2 == 'e' || c1 == 'v' && c2 == 'e' || c1 == 'l' && c2 == 'l' {
		return 3
	}
	return 0
}

// otherEnd ends a run of code points that are neither white space, letters
// nor numbers ([^\s\p{L}\p{N}]+).
func otherEnd(s seg, i int) int {
	for f := s.flags(i); f != 0 && !f.has(fSpace|fLetter|fNumber); f = s.flags(i) {
		i++
	}
	return i
}

// spaceEnd matches \s+(?!\S)|\s+ at pos: a run of white space, less its last
// code point when something follows in the segment (that one then leads the
// next piece).
func spaceEnd(s seg, pos int) int {
	n := s.runEnd(pos, fSpace) - pos
	switch {
	case n > 1 && pos+n < s.end:
		return pos + n - 1
	case n > 0:
		return pos + n
	}
	return pos + 1
}
