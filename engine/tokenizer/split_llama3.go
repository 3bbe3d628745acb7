package tokenizer

// llama3Piece returns the splitter of Llama 3's pattern
//
//	(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
//
// as llama.cpp's hand-written matcher runs it; digits is the longest run of
// numbers in one piece (3 for Llama 3, 1 for Qwen2's \p{N}).
func llama3Piece(digits int) pieceFunc {
	return func(s seg, pos int) int {
		r, f := s.cpt(pos), s.flags(pos)
		if r == '\'' && pos+1 < s.end {
			if n := contraction(s, pos, true); n > 0 {
				return pos + n
			}
		}
		if !(r == '\r' || r == '\n' || f.has(fNumber)) &&
			(f.has(fLetter) || s.flags(pos+1).has(fLetter)) {
			return s.runEnd(pos+1, fLetter)
		}
		if f.has(fNumber) {
			end := pos + 1
			for end-pos < digits && s.flags(end).has(fNumber) {
				end++
			}
			return end
		}
		if end, ok := punctEnd(s, pos); ok {
			return end
		}
		return newlineOrSpaceEnd(s, pos)
	}
}

// punctEnd matches " ?[^\s\p{L}\p{N}]+[\r\n]*" at pos.
func punctEnd(s seg, pos int) (int, bool) {
	r, f := s.cpt(pos), s.flags(pos)
	lead := 0
	if r == ' ' {
		f, lead = s.flags(pos+1), 1
	}
	if f.has(fSpace | fLetter | fNumber) {
		return 0, false
	}
	// llama.cpp enters here for a lone space at the end of the segment too
	// (then the piece is that space, which \s+ would have matched anyway).
	end := otherEnd(s, pos+lead)
	for c := s.cpt(end); c == '\r' || c == '\n'; c = s.cpt(end) {
		end++
	}
	return end, true
}

// newlineOrSpaceEnd matches \s*[\r\n]+|\s+(?!\S)|\s+ at pos: white space up
// to its last line break if it holds one, else as spaceEnd.
func newlineOrSpaceEnd(s seg, pos int) int {
	lastBreak := -1
	i := pos
	for ; s.flags(i).has(fSpace); i++ {
		if c := s.cpt(i); c == '\r' || c == '\n' {
			lastBreak = i + 1
		}
	}
	if lastBreak >= 0 {
		return lastBreak
	}
	return spaceEnd(s, pos)
}
