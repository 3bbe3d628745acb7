package toolcall

// valueScanner finds where a JSON object or array ends in text fed to it
// piece by piece. It tracks nesting and strings only; whether the value is
// well-formed is decided later by encoding/json.
type valueScanner struct {
	started bool // the first '{' or '[' has been seen
	notJSON bool // something else came first
	depth   int
	inStr   bool
	esc     bool
	pos     int // bytes consumed
}

// feed scans s and returns the offset in s just past the value's end, or
// -1 when the value has not ended. Leading whitespace is skipped; any other
// byte before the value starts makes started stay false and is reported
// through notJSON.
func (v *valueScanner) feed(s string) (end int, notJSON bool) {
	if v.notJSON {
		return -1, true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		v.pos++
		if !v.started {
			switch c {
			case ' ', '\t', '\n', '\r':
				continue
			case '{', '[':
				v.started, v.depth = true, 1
				continue
			}
			v.notJSON = true
			return -1, true
		}
		if v.step(c) {
			return i + 1, false
		}
	}
	return -1, false
}

// step consumes one byte of a started value; it reports the value's end.
func (v *valueScanner) step(c byte) bool {
	switch {
	case v.esc:
		v.esc = false
	case v.inStr:
		switch c {
		case '\\':
			v.esc = true
		case '"':
			v.inStr = false
		}
	case c == '"':
		v.inStr = true
	case c == '{' || c == '[':
		v.depth++
	case c == '}' || c == ']':
		v.depth--
		return v.depth == 0
	}
	return false
}
