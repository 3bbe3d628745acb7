package tokenizer

// gpt4oPiece splits by the pattern llama.cpp runs for GPT-4o's
// pre-tokenizer (also Llama 4's and Phi-4's):
//
//	[^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))*((?=[\p{L}])([^A-Z]))+(?:'s|'t|'re|'ve|'m|'ll|'d)?
//	|[^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))+((?=[\p{L}])([^A-Z]))*(?:'s|'t|'re|'ve|'m|'ll|'d)?
//	|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
//
// (contractions case-insensitive). It is llama.cpp's adaptation of the
// original, whose \p{Lu}/\p{Ll} classes std::regex cannot express: "upper"
// letters are the letters other than a-z, "lower" ones the letters other
// than A-Z, so that every non-ASCII letter is both.
func gpt4oPiece(s seg, pos int) int {
	if end, ok := casedWordEnd(s, pos); ok {
		return end
	}
	if s.flags(pos).has(fNumber) {
		end := pos + 1
		for end-pos < 3 && s.flags(end).has(fNumber) {
			end++
		}
		return end
	}
	if end, ok := symbolsEnd(s, pos); ok {
		return end
	}
	return newlineOrSpaceEnd(s, pos)
}

// casedWordEnd matches the two letter alternatives at pos: an optional
// leading non-letter, a run of "upper" letters, a run of "lower" ones, an
// optional contraction.
func casedWordEnd(s seg, pos int) (int, bool) {
	q := pos
	if r, f := s.cpt(pos), s.flags(pos); f != 0 && r != '\r' && r != '\n' && !f.has(fLetter|fNumber) {
		q = pos + 1 // if the letters fail after it, they fail without it too
	}
	end, ok := casedRunEnd(s, q)
	if !ok {
		return 0, false
	}
	if s.cpt(end) == '\'' && end+1 < s.end {
		end += contraction(s, end, true)
	}
	return end, true
}

// casedRunEnd resolves the backtracking of upper* lower+ (or else upper+)
// from q: upper* takes all it can and gives back until a lower letter
// follows.
func casedRunEnd(s seg, q int) (int, bool) {
	upperEnd := q
	for isUpperish(s, upperEnd) {
		upperEnd++
	}
	if isLowerish(s, upperEnd) { // a-z follows: lower+ runs on from there
		end := upperEnd
		for isLowerish(s, end) {
			end++
		}
		return end, true
	}
	for j := upperEnd - 1; j >= q; j-- { // the last non-ASCII letter of the run
		if isLowerish(s, j) {
			return j + 1, true
		}
	}
	if upperEnd > q { // only A-Z: the second alternative, upper+ lower*
		return upperEnd, true
	}
	return 0, false
}

// isUpperish reports a letter other than a-z; isLowerish one other than A-Z.
func isUpperish(s seg, i int) bool {
	r := s.cpt(i)
	return s.flags(i).has(fLetter) && !(r >= 'a' && r <= 'z')
}

func isLowerish(s seg, i int) bool {
	r := s.cpt(i)
	return s.flags(i).has(fLetter) && !(r >= 'A' && r <= 'Z')
}

// symbolsEnd matches " ?[^\s\p{L}\p{N}]+[\r\n/]*" at pos.
func symbolsEnd(s seg, pos int) (int, bool) {
	start := pos
	if s.cpt(pos) == ' ' && isSymbolish(s.flags(pos+1)) {
		start = pos + 1
	}
	if !isSymbolish(s.flags(start)) {
		return 0, false
	}
	end := otherEnd(s, start)
	for c := s.cpt(end); c == '\r' || c == '\n' || c == '/'; c = s.cpt(end) {
		end++
	}
	return end, true
}

// isSymbolish reports a code point of [^\s\p{L}\p{N}] inside the segment.
func isSymbolish(f cptFlags) bool { return f != 0 && !f.has(fSpace|fLetter|fNumber) }
