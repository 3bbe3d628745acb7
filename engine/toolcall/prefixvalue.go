package toolcall

// object matches an object whose keys are the node's properties in the
// schema's order, optional ones skippable, every required one present.
func (m *matcher) object(n *node, depth int) res {
	if depth > maxSchemaDepth {
		return fail
	}
	m.pos++ // '{'
	next, first := 0, true
	for {
		if r := m.space(); r != done {
			return r
		}
		if m.s[m.pos] == '}' {
			if n.missingRequired(next) {
				return fail
			}
			m.pos++
			return done
		}
		if !first {
			if next >= len(n.props) {
				return fail // no property is left to follow a comma
			}
			if r := m.lit(","); r != done {
				return r
			}
			if r := m.space(); r != done {
				return r
			}
		}
		first = false
		i, r := m.key(n, next)
		if r != done {
			return r
		}
		if r := m.colon(); r != done {
			return r
		}
		if r := m.value(n.props[i].n, depth+1); r != done {
			return r
		}
		next = i + 1
	}
}

// missingRequired reports whether a required property from index from on
// has not been written.
func (n *node) missingRequired(from int) bool {
	for _, p := range n.props[from:] {
		if n.required[p.name] {
			return true
		}
	}
	return false
}

// key matches the quoted name of a property at index from or later,
// skipping no required one, and returns its index.
func (m *matcher) key(n *node, from int) (int, res) {
	var lits []string
	var idx []int
	for i := from; i < len(n.props); i++ {
		lits, idx = append(lits, `"`+n.props[i].name+`"`), append(idx, i)
		if n.required[n.props[i].name] {
			break
		}
	}
	start := m.pos
	r := m.oneOf(lits)
	if r != done {
		return 0, r
	}
	for j, l := range lits {
		if m.s[start:m.pos] == l {
			return idx[j], done
		}
	}
	return 0, fail
}

// colon matches ':' with space around it.
func (m *matcher) colon() res {
	if r := m.space(); r != done {
		return r
	}
	if r := m.lit(":"); r != done {
		return r
	}
	return m.space()
}

// array matches an array of the node's items, within its counts.
func (m *matcher) array(n *node, depth int) res {
	if depth > maxSchemaDepth {
		return fail
	}
	m.pos++ // '['
	items := n.items
	if items == nil {
		items = &node{maxItems: -1, maxLen: -1}
	}
	for count := 0; ; count++ {
		if r := m.space(); r != done {
			return r
		}
		if m.s[m.pos] == ']' {
			if count < n.minItems {
				return fail
			}
			m.pos++
			return done
		}
		if n.maxItems >= 0 && count >= n.maxItems {
			return fail
		}
		if count > 0 {
			if r := m.lit(","); r != done {
				return r
			}
			if r := m.space(); r != done {
				return r
			}
		}
		if r := m.value(items, depth+1); r != done {
			return r
		}
	}
}

// anyObject matches an object with any keys and values.
func (m *matcher) anyObject(depth int) res {
	if depth > maxAnyDepth {
		return fail
	}
	m.pos++ // '{'
	anyNode := &node{maxItems: -1, maxLen: -1}
	for count := 0; ; count++ {
		if r := m.space(); r != done {
			return r
		}
		if m.s[m.pos] == '}' {
			m.pos++
			return done
		}
		if count > 0 {
			if r := m.lit(","); r != done {
				return r
			}
			if r := m.space(); r != done {
				return r
			}
		}
		if r := m.str(0, -1); r != done {
			return r
		}
		if r := m.colon(); r != done {
			return r
		}
		if r := m.value(anyNode, depth+1); r != done {
			return r
		}
	}
}
