package openai

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/hearth-app/hearth/engine"
)

// Bounds on the tool calls of one answer.
const (
	maxToolCalls = 64
	maxToolArgs  = 1 << 20 // bytes of arguments per call
	maxToolName  = 256
)

// Errors of tool calls that cannot be used.
var (
	errTooManyCalls = errors.New("more than 64 tool calls in one answer")
	errCallTooLarge = errors.New("a tool call's arguments are larger than 1 MiB, or its name longer than 256 bytes")
	errCallNoName   = errors.New("a tool call without a name")
	errCallNotJSON  = errors.New("a tool call whose arguments are not a JSON object")
)

// toolCallDelta is a piece of a tool call in a streamed chunk.
type toolCallDelta struct {
	Index    *int   `json:"index"`
	ID       string `json:"id"`
	Function struct {
		Name      string `json:"name"`
		Arguments string `json:"arguments"`
	} `json:"function"`
}

// partialCall is a tool call being assembled.
type partialCall struct {
	id, name string
	args     strings.Builder
}

// toolCalls assembles tool calls from streamed deltas. OpenAI sends a
// call's id and name in its first delta and the arguments in pieces, all
// with the call's index. Servers differ at the edges, and each is taken as
// it comes: a delta without an index continues the last call unless it
// brings a new id; a delta whose index is taken but whose id is new starts
// another call (servers that send each call whole, in a chunk of its own,
// may number them all alike); a name repeated in later deltas is kept once.
type toolCalls struct {
	calls   []*partialCall
	byIndex map[int]*partialCall
}

// add takes one delta.
func (t *toolCalls) add(d toolCallDelta) error {
	c := t.target(d)
	if c == nil {
		if len(t.calls) >= maxToolCalls {
			return errTooManyCalls
		}
		c = &partialCall{id: d.ID}
		t.calls = append(t.calls, c)
	}
	if t.byIndex == nil {
		t.byIndex = map[int]*partialCall{}
	}
	if d.Index != nil {
		t.byIndex[*d.Index] = c
	}
	if c.id == "" {
		c.id = d.ID
	}
	if n := d.Function.Name; n != "" && n != c.name {
		c.name += n
	}
	c.args.WriteString(d.Function.Arguments)
	if c.args.Len() > maxToolArgs || len(c.name) > maxToolName {
		return errCallTooLarge
	}
	return nil
}

// target returns the call a delta continues, or nil for a new one.
func (t *toolCalls) target(d toolCallDelta) *partialCall {
	var c *partialCall
	if d.Index != nil {
		c = t.byIndex[*d.Index]
	} else if len(t.calls) > 0 {
		c = t.calls[len(t.calls)-1]
	}
	if c != nil && d.ID != "" && c.id != "" && d.ID != c.id {
		return nil
	}
	return c
}

// finish returns the assembled calls; arguments must be a JSON object
// (none at all counts as {}).
func (t *toolCalls) finish() ([]engine.ToolCall, error) {
	var out []engine.ToolCall
	for _, c := range t.calls {
		if c.name == "" {
			return nil, errCallNoName
		}
		args := bytes.TrimSpace([]byte(c.args.String()))
		if len(args) == 0 {
			args = []byte("{}")
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(args, &obj) != nil || obj == nil {
			return nil, errCallNotJSON
		}
		out = append(out, engine.ToolCall{ID: c.id, Name: c.name, Arguments: json.RawMessage(args)})
	}
	return out, nil
}
