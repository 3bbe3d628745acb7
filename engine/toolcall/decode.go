package toolcall

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine"
)

// callObject is one call as models write it: Hermes and Mistral name the
// arguments "arguments", Llama 3.x "parameters"; some wrap the call in an
// OpenAI-style "function" object.
type callObject struct {
	Name       string          `json:"name"`
	Arguments  json.RawMessage `json:"arguments"`
	Parameters json.RawMessage `json:"parameters"`
	ID         string          `json:"id"`
	Function   *callObject     `json:"function"`
}

// decodeBody turns the text of one call (what stands between its markers)
// into tool calls: a JSON object, a JSON array of them (or objects written
// one after another with commas between, missing the array's brackets), or
// a built-in tool's name.call(key="value") as Llama 3.1 writes after
// <|python_tag|>.
func decodeBody(body string) ([]engine.ToolCall, error) {
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return nil, fmt.Errorf("%w: the call is empty", ErrMalformed)
	case body[0] == '[':
		var objs []callObject
		if err := json.Unmarshal([]byte(body), &objs); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		calls := make([]engine.ToolCall, 0, len(objs))
		for _, o := range objs {
			c, err := o.toolCall()
			if err != nil {
				return nil, err
			}
			calls = append(calls, c)
		}
		return calls, nil
	case body[0] == '{':
		var o callObject
		if err := json.Unmarshal([]byte(body), &o); err != nil {
			if calls, errList := decodeBody("[" + body + "]"); errList == nil {
				return calls, nil // several objects without the list's brackets (Phi-4-mini)
			}
			return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		c, err := o.toolCall()
		if err != nil {
			return nil, err
		}
		return []engine.ToolCall{c}, nil
	}
	c, err := decodePythonCall(body)
	if err != nil {
		return nil, err
	}
	return []engine.ToolCall{c}, nil
}

// toolCall checks a decoded call object and normalises its arguments to a
// compact JSON object.
func (o callObject) toolCall() (engine.ToolCall, error) {
	if o.Function != nil && o.Name == "" {
		inner := *o.Function
		if inner.ID == "" {
			inner.ID = o.ID
		}
		return inner.toolCall()
	}
	if o.Name == "" {
		return engine.ToolCall{}, fmt.Errorf("%w: the call has no name", ErrMalformed)
	}
	raw := o.Arguments
	if len(raw) == 0 {
		raw = o.Parameters
	}
	args, err := normaliseArgs(raw)
	if err != nil {
		return engine.ToolCall{}, fmt.Errorf("%w: the arguments of %q: %w", ErrMalformed, o.Name, err)
	}
	return engine.ToolCall{ID: o.ID, Name: o.Name, Arguments: args}, nil
}

// normaliseArgs accepts an object, an object written as a JSON string, or
// nothing (no arguments), and returns the object compacted.
func normaliseArgs(raw json.RawMessage) (json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return json.RawMessage("{}"), nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		raw = []byte(strings.TrimSpace(s))
	}
	if len(raw) == 0 || raw[0] != '{' {
		return nil, fmt.Errorf("they are not a JSON object")
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
