package tokenizer

// class decides membership of a code point (with its flags) in a character
// class of a pre-tokenizer pattern.
type class func(r rune, f cptFlags) bool

// prefix is the optional code point a pattern allows before its run.
type prefix int

const (
	noPrefix    prefix = iota
	spacePrefix        // " ?"
	wsPrefix           // "\s?"
)

// matcher splits like llama.cpp's std::regex fallback does for the patterns
// P?C+ and C: each leftmost match becomes a piece, and so does the text
// between matches.
type matcher struct {
	pre    prefix
	in     class
	single bool // C, one code point, instead of C+
}

func (m matcher) split(ends []int, c *cptText, start, end int) []int {
	s := seg{c, start, end}
	pos := start
	for pos < end {
		from, to, ok := m.find(s, pos)
		if !ok {
			break
		}
		if from > pos {
			ends = append(ends, from)
		}
		ends = append(ends, to)
		pos = to
	}
	if pos < end {
		ends = append(ends, end)
	}
	return ends
}

// find returns the leftmost match at or after pos.
func (m matcher) find(s seg, pos int) (from, to int, ok bool) {
	for p := pos; p < s.end; p++ {
		if m.prefixAt(s, p) && p+1 < s.end && m.at(s, p+1) {
			return p, m.runEnd(s, p+1), true
		}
		if m.at(s, p) {
			return p, m.runEnd(s, p), true
		}
	}
	return 0, 0, false
}

func (m matcher) prefixAt(s seg, p int) bool {
	switch m.pre {
	case spacePrefix:
		return s.cpt(p) == ' '
	case wsPrefix:
		return s.flags(p).has(fSpace)
	}
	return false
}

func (m matcher) at(s seg, p int) bool {
	return p < s.end && m.in(s.cpt(p), s.flags(p))
}

func (m matcher) runEnd(s seg, p int) int {
	if m.single {
		return p + 1
	}
	for m.at(s, p) {
		p++
	}
	return p
}

// digitTriples is the pattern [0-9][0-9][0-9]: leftmost runs of three ASCII
// digits become pieces.
type digitTriples struct{}

func (digitTriples) split(ends []int, c *cptText, start, end int) []int {
	pos := start
	for p := start; p+3 <= end; {
		if isDigit(c.cpts[p]) && isDigit(c.cpts[p+1]) && isDigit(c.cpts[p+2]) {
			if p > pos {
				ends = append(ends, p)
			}
			p += 3
			ends = append(ends, p)
			pos = p
			continue
		}
		p++
	}
	if pos < end {
		ends = append(ends, end)
	}
	return ends
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// trailingSpace is the pattern \s+$: the white space that ends a segment
// becomes a piece of its own.
type trailingSpace struct{}

func (trailingSpace) split(ends []int, c *cptText, start, end int) []int {
	p := end
	for p > start && c.flags[p-1].has(fSpace) {
		p--
	}
	if p > start && p < end {
		ends = append(ends, p)
	}
	return append(ends, end)
}

// Classes used by the patterns. Those from patterns llama.cpp runs through
// std::wregex (no \p{..}) see the raw code point, except that non-ASCII
// white space reads as U+000B there and so never belongs to a range.

func isLetterClass(_ rune, f cptFlags) bool { return f.has(fLetter) }
func isNumberClass(_ rune, f cptFlags) bool { return f.has(fNumber) }
func isPunctClass(_ rune, f cptFlags) bool  { return f.has(fPunct) }
func isLineBreak(r rune, _ cptFlags) bool   { return r == '\r' || r == '\n' }

// punctOr returns the class \p{P} plus the listed ASCII characters.
func punctOr(extra string) class {
	var set [128]bool
	for i := 0; i < len(extra); i++ {
		set[extra[i]] = true
	}
	return func(r rune, f cptFlags) bool {
		return f.has(fPunct) || r >= 0 && r < 128 && set[r]
	}
}

// runeRange is an inclusive range of code points.
type runeRange struct{ lo, hi rune }

// inRanges returns the class of a bracket expression of code point ranges.
func inRanges(rs []runeRange) class {
	return func(r rune, f cptFlags) bool {
		if r > 0x7F && f.has(fSpace) {
			return false
		}
		for _, rr := range rs {
			if r >= rr.lo && r <= rr.hi {
				return true
			}
		}
		return false
	}
}

// notIn returns the class [^\s...] of a negated bracket expression that
// excludes white space and the listed code points.
func notIn(excluded string) class {
	return func(r rune, f cptFlags) bool {
		if f.has(fSpace) {
			return false
		}
		for _, x := range excluded {
			if r == x {
				return false
			}
		}
		return true
	}
}
