package toolcall

import (
	"encoding/json"
	"fmt"

	"github.com/hearth-app/hearth/engine"
)

// Grammar tells whether the text after a call's opening marker is still a
// valid beginning of a call in its format: the name of an offered tool,
// then arguments that its schema accepts.
type Grammar struct {
	f      *Format
	names  []string         // quoted tool names
	params map[string]*node // by quoted name
}

// NewGrammar builds the grammar of calls in format f to tools.
func NewGrammar(f *Format, tools []engine.Tool) (*Grammar, error) {
	g := &Grammar{f: f, params: map[string]*node{}}
	for _, t := range tools {
		n, err := parseNode(t.Parameters, 0)
		if err != nil {
			return nil, fmt.Errorf("tool %q: %w: %w", t.Name, ErrBadSchema, err)
		}
		q, _ := json.Marshal(t.Name)
		g.names = append(g.names, string(q))
		g.params[string(q)] = n
	}
	return g, nil
}

// Valid reports whether text (what follows the opening marker) can begin
// or is a whole call.
func (g *Grammar) Valid(text string) bool {
	m := &matcher{s: text}
	r := g.body(m)
	return r == more || r == done && m.eof()
}

// validBetween reports whether text, after a finished call, can begin
// another call: a little whitespace, then an opening marker.
func (g *Grammar) validBetween(text string) bool {
	m := &matcher{s: text}
	if r := m.space(); r != done {
		return r == more
	}
	return m.oneOf(g.f.Open) != fail
}

// body matches the call in the format's shape.
func (g *Grammar) body(m *matcher) res {
	if r := m.space(); r != done {
		return r
	}
	calls := g.call
	if g.f.List {
		calls = g.list
	}
	if g.f.Close == "" {
		return calls(m)
	}
	if r := calls(m); r != done {
		return r
	}
	if r := m.space(); r != done {
		return r
	}
	return m.lit(g.f.Close)
}

// list matches a JSON array of calls.
func (g *Grammar) list(m *matcher) res {
	if r := m.lit("["); r != done {
		return r
	}
	for i := 0; ; i++ {
		if r := m.space(); r != done {
			return r
		}
		if i > 0 {
			if m.s[m.pos] == ']' {
				m.pos++
				return done
			}
			if r := m.lit(","); r != done {
				return r
			}
			if r := m.space(); r != done {
				return r
			}
		}
		if r := g.call(m); r != done {
			return r
		}
	}
}

// call matches {"name": NAME, "<args key>": ARGUMENTS}.
func (g *Grammar) call(m *matcher) res {
	if r := m.lit("{"); r != done {
		return r
	}
	if r := m.space(); r != done {
		return r
	}
	if r := m.lit(`"name"`); r != done {
		return r
	}
	if r := m.colon(); r != done {
		return r
	}
	start := m.pos
	if r := m.oneOf(g.names); r != done {
		return r
	}
	params := g.params[m.s[start:m.pos]]
	for _, step := range []func() res{m.space, func() res { return m.lit(",") }, m.space,
		func() res { return m.lit(`"` + g.f.ArgsKey + `"`) }, m.colon} {
		if r := step(); r != done {
			return r
		}
	}
	if m.eof() {
		return more
	}
	if m.s[m.pos] != '{' {
		return fail
	}
	if r := m.value(params, 0); r != done {
		return r
	}
	if r := m.space(); r != done {
		return r
	}
	if g.f.ID && m.s[m.pos] == ',' {
		if r := g.id(m); r != done {
			return r
		}
	}
	return m.lit("}")
}

// id matches , "id": "XXXXXXXXX" after a Mistral call's arguments.
func (g *Grammar) id(m *matcher) res {
	m.pos++ // ','
	if r := m.space(); r != done {
		return r
	}
	if r := m.lit(`"id"`); r != done {
		return r
	}
	if r := m.colon(); r != done {
		return r
	}
	if r := m.str(mistralIDLen, mistralIDLen); r != done {
		return r
	}
	return m.space()
}

// mistralIDLen is the length of the call ids Mistral's templates require.
const mistralIDLen = 9
