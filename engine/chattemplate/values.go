package chattemplate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/hearth-app/hearth/engine"
	"github.com/nikolalohinski/gonja/v2/exec"
)

// dict builds an ordered template dictionary from alternating keys and values.
func dict(kv ...any) exec.Dict {
	d := exec.Dict{}
	for i := 0; i+1 < len(kv); i += 2 {
		d.Pairs = append(d.Pairs, &exec.Pair{Key: exec.AsValue(kv[i]), Value: exec.AsValue(kv[i+1])})
	}
	return d
}

// messageValues converts messages to what templates expect: OpenAI-style
// dictionaries, with keys present only when set (templates test them with
// "is defined"). The first system message gets systemTools, when set, as
// its "tools" key.
func messageValues(msgs []engine.Message, systemTools string) ([]any, error) {
	out := make([]any, 0, len(msgs))
	for i, m := range msgs {
		kv := []any{"role", m.Role, "content", m.Content}
		if systemTools != "" && m.Role == "system" {
			kv = append(kv, "tools", systemTools)
			systemTools = ""
		}
		if len(m.ToolCalls) > 0 {
			calls, err := toolCallValues(m.ToolCalls)
			if err != nil {
				return nil, fmt.Errorf("message %d: %w", i, err)
			}
			kv = append(kv, "tool_calls", calls)
		}
		if m.ToolCallID != "" {
			kv = append(kv, "tool_call_id", m.ToolCallID)
		}
		if m.Name != "" {
			kv = append(kv, "name", m.Name)
		}
		out = append(out, dict(kv...))
	}
	if systemTools != "" {
		return nil, errors.New("the tools go in a system message, and the conversation has none")
	}
	return out, nil
}

// toolCallValues converts tool calls to {id, type, function: {name, arguments}},
// arguments decoded from JSON (key order kept).
func toolCallValues(calls []engine.ToolCall) ([]any, error) {
	out := make([]any, 0, len(calls))
	for _, c := range calls {
		args, err := jsonValue(c.Arguments)
		if err != nil {
			return nil, fmt.Errorf("tool call %q arguments: %w", c.Name, err)
		}
		fn := dict("name", c.Name, "arguments", args)
		kv := []any{}
		if c.ID != "" {
			kv = append(kv, "id", c.ID)
		}
		kv = append(kv, "type", "function", "function", fn)
		out = append(out, dict(kv...))
	}
	return out, nil
}

// toolValues converts tools to the OpenAI form templates expect:
// {type: "function", function: {name, description, parameters}}.
func toolValues(tools []engine.Tool) ([]any, error) {
	out := make([]any, 0, len(tools))
	for _, t := range tools {
		params, err := jsonValue(t.Parameters)
		if err != nil {
			return nil, fmt.Errorf("tool %q parameters: %w", t.Name, err)
		}
		fn := dict("name", t.Name, "description", t.Description, "parameters", params)
		out = append(out, dict("type", "function", "function", fn))
	}
	return out, nil
}

// jsonValue decodes a JSON document into template values: objects become
// ordered dictionaries, integers int, other numbers float64. Empty input is
// an empty dictionary.
func jsonValue(raw json.RawMessage) (any, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return exec.Dict{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("trailing data after JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return decodeObject(dec)
		}
		return decodeArray(dec)
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return int(i), nil
		}
		return t.Float64()
	default:
		return t, nil // string, bool or nil
	}
}

func decodeObject(dec *json.Decoder) (any, error) {
	d := exec.Dict{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		d.Pairs = append(d.Pairs, &exec.Pair{Key: exec.AsValue(k), Value: exec.AsValue(v)})
	}
	_, err := dec.Token() // '}'
	return d, err
}

func decodeArray(dec *json.Decoder) (any, error) {
	a := []any{}
	for dec.More() {
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
	_, err := dec.Token() // ']'
	return a, err
}
