package toolcall

// res is how far a matcher got: the text failed, ran out while still a
// valid beginning (more), or held a whole value (done).
type res int

const (
	fail res = iota
	more
	done
)

// maxSpace is the most whitespace allowed between tokens of a constrained
// call, so that a model cannot pad forever.
const maxSpace = 2

// maxNumber is the most characters of a constrained number.
const maxNumber = 24

// maxAnyDepth bounds the nesting of a value whose schema says nothing.
const maxAnyDepth = 16

// matcher checks whether text is a valid prefix of JSON that a schema
// accepts, by recursive descent over the whole text.
type matcher struct {
	s   string
	pos int
}

// eof reports whether the text is used up.
func (m *matcher) eof() bool { return m.pos >= len(m.s) }

// space skips up to maxSpace whitespace characters.
func (m *matcher) space() res {
	for i := 0; !m.eof(); i++ {
		switch m.s[m.pos] {
		case ' ', '\t', '\n', '\r':
			if i == maxSpace {
				return fail
			}
			m.pos++
			continue
		}
		return done
	}
	return more
}

// lit matches one literal.
func (m *matcher) lit(l string) res {
	rest := m.s[m.pos:]
	switch {
	case len(rest) >= len(l) && rest[:len(l)] == l:
		m.pos += len(l)
		return done
	case len(rest) < len(l) && l[:len(rest)] == rest:
		m.pos = len(m.s)
		return more
	}
	return fail
}

// oneOf matches the longest of several literals.
func (m *matcher) oneOf(lits []string) res {
	rest := m.s[m.pos:]
	best, partial := -1, false
	for _, l := range lits {
		switch {
		case len(rest) >= len(l) && rest[:len(l)] == l:
			best = max(best, len(l))
		case len(rest) < len(l) && l[:len(rest)] == rest:
			partial = true
		}
	}
	switch {
	case best >= 0 && !(partial && m.pos+best == len(m.s)):
		m.pos += best
		return done
	case partial || best >= 0:
		m.pos = len(m.s)
		return more
	}
	return fail
}

// value matches a value the node accepts.
func (m *matcher) value(n *node, depth int) res {
	if m.eof() {
		return more
	}
	if n.enum != nil {
		return m.oneOf(n.enum)
	}
	switch c := m.s[m.pos]; {
	case c == '{' && n.allows("object"):
		if n.props == nil {
			return m.anyObject(depth)
		}
		return m.object(n, depth)
	case c == '[' && n.allows("array"):
		return m.array(n, depth)
	case c == '"' && n.allows("string"):
		return m.str(n.minLen, n.maxLen)
	case (c == '-' || c >= '0' && c <= '9') && (n.allows("number") || n.allows("integer")):
		return m.number(n.allows("number"))
	case c == 't' && n.allows("boolean"):
		return m.lit("true")
	case c == 'f' && n.allows("boolean"):
		return m.lit("false")
	case c == 'n' && n.allows("null"):
		return m.lit("null")
	}
	return fail
}
