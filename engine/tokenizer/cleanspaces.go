package tokenizer

// cleanSpaces is llama.cpp's clean_up_tokenization_spaces, three passes
// over the decoded bytes, compacting in place:
//  1. " ?", " !", " .", " ," lose their space;
//  2. a lone apostrophe between spaces loses both spaces;
//  3. " 's", " 'm", " 're", " 've" lose their space.
//
// Each pass looks at the byte before the current one in the buffer it is
// compacting, so a pass sees what the previous ones left, including the NUL
// llama.cpp writes over a removed space in pass 2.
func cleanSpaces(b []byte) []byte {
	b = dropSpaceBeforePunct(b)
	b = dropSpacesAroundApostrophe(b)
	return dropSpaceBeforeContraction(b)
}

func dropSpaceBeforePunct(b []byte) []byte {
	n := min(len(b), 1)
	for i := 1; i < len(b); i++ {
		x := b[i]
		if b[i-1] == ' ' && (x == '?' || x == '!' || x == '.' || x == ',') {
			n--
		}
		b[n] = x
		n++
	}
	return b[:n]
}

func dropSpacesAroundApostrophe(b []byte) []byte {
	n := min(len(b), 1)
	for i := 1; i < len(b); i++ {
		x := b[i]
		if x == '\'' && i+1 < len(b) && b[i-1] == ' ' && b[i+1] == ' ' {
			n--
			i++
			b[i] = 0
		}
		b[n] = x
		n++
	}
	return b[:n]
}

func dropSpaceBeforeContraction(b []byte) []byte {
	n := min(len(b), 1)
	for i := 1; i < len(b); i++ {
		x := b[i]
		if b[i-1] == ' ' && x == '\'' && i+1 < len(b) && contractionAfter(b[i+1:]) {
			n--
		}
		b[n] = x
		n++
	}
	return b[:n]
}

// contractionAfter reports whether the bytes after an apostrophe start one
// of the contractions whose space llama.cpp removes: s, m, re, ve.
func contractionAfter(rest []byte) bool {
	switch rest[0] {
	case 's', 'm':
		return true
	case 't', 'd':
		return false
	}
	if len(rest) < 2 {
		return false
	}
	return rest[0] == 'r' && rest[1] == 'e' || rest[0] == 'v' && rest[1] == 'e'
}
