package toolcall

import (
	"strings"
	"unicode/utf8"
)

// str matches a JSON string of minLen to maxLen characters (maxLen -1:
// any length); escapes count as one character.
func (m *matcher) str(minLen, maxLen int) res {
	if r := m.lit(`"`); r != done {
		return r
	}
	for n := 0; ; {
		if m.eof() {
			return more
		}
		c := m.s[m.pos]
		switch {
		case c == '"':
			if n < minLen {
				return fail
			}
			m.pos++
			return done
		case maxLen >= 0 && n >= maxLen, c < 0x20:
			return fail
		case c == '\\':
			if r := m.escape(); r != done {
				return r
			}
			n++
			continue
		}
		if r := m.char(); r != done {
			return r
		}
		n++
	}
}

// char matches one UTF-8 encoded character.
func (m *matcher) char() res {
	r, size := utf8.DecodeRuneInString(m.s[m.pos:])
	if r == utf8.RuneError && size <= 1 {
		if !utf8.FullRuneInString(m.s[m.pos:]) {
			m.pos = len(m.s)
			return more
		}
		return fail
	}
	m.pos += size
	return done
}

// escape matches one backslash escape.
func (m *matcher) escape() res {
	m.pos++
	if m.eof() {
		return more
	}
	switch m.s[m.pos] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		m.pos++
		return done
	case 'u':
		m.pos++
		for range 4 {
			if m.eof() {
				return more
			}
			if !isHex(m.s[m.pos]) {
				return fail
			}
			m.pos++
		}
		return done
	}
	return fail
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// number matches a JSON number, or with real false an integer. A number
// that reaches the end of the text may go on, so it is more.
func (m *matcher) number(real bool) res {
	start := m.pos
	end := start
	for end < len(m.s) && strings.IndexByte("-+.eE0123456789", m.s[end]) >= 0 {
		end++
	}
	if end-start > maxNumber {
		return fail
	}
	if end == len(m.s) && end-start == maxNumber && !isDigit(m.s[end-1]) {
		return fail // at the bound, a number still missing its digits could never end
	}
	if m.s[m.pos] == '-' {
		m.pos++
	}
	if r := m.digits(true); r != done {
		return r
	}
	if real && !m.eof() && m.s[m.pos] == '.' {
		m.pos++
		if r := m.digits(false); r != done {
			return r
		}
	}
	if real && !m.eof() && (m.s[m.pos] == 'e' || m.s[m.pos] == 'E') {
		m.pos++
		if !m.eof() && (m.s[m.pos] == '+' || m.s[m.pos] == '-') {
			m.pos++
		}
		if r := m.digits(false); r != done {
			return r
		}
	}
	if m.eof() {
		return more
	}
	return done
}

// digits matches one or more digits; with integer set, no leading zero
// before another digit.
func (m *matcher) digits(integer bool) res {
	start := m.pos
	for !m.eof() && m.s[m.pos] >= '0' && m.s[m.pos] <= '9' {
		if integer && m.pos > start && m.s[start] == '0' {
			return fail
		}
		m.pos++
	}
	switch {
	case m.eof():
		return more
	case m.pos == start:
		return fail
	}
	return done
}
