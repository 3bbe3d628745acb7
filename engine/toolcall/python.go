package toolcall

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine"
)

// decodePythonCall reads a Llama 3.1 built-in tool call,
// name.call(key="value", ...), whose values are written as JSON literals
// (strings in double quotes, numbers, true, false).
func decodePythonCall(body string) (engine.ToolCall, error) {
	name, rest, ok := strings.Cut(body, ".call(")
	if !ok || !isIdent(name) || !strings.HasSuffix(rest, ")") {
		return engine.ToolCall{}, fmt.Errorf("%w: the call is neither JSON nor name.call(...)", ErrMalformed)
	}
	args := map[string]json.RawMessage{}
	rest = strings.TrimSpace(strings.TrimSuffix(rest, ")"))
	for rest != "" {
		key, val, more, err := nextKeyword(rest)
		if err != nil {
			return engine.ToolCall{}, fmt.Errorf("%w: the arguments of %s: %w", ErrMalformed, name, err)
		}
		args[key] = val
		rest = more
	}
	raw, err := json.Marshal(args)
	if err != nil {
		return engine.ToolCall{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return engine.ToolCall{Name: name, Arguments: raw}, nil
}

// nextKeyword reads key=value and a following comma from s.
func nextKeyword(s string) (key string, val json.RawMessage, rest string, err error) {
	key, s, ok := strings.Cut(s, "=")
	key = strings.TrimSpace(key)
	if !ok || !isIdent(key) {
		return "", nil, "", fmt.Errorf("expected key=value")
	}
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&val); err != nil {
		return "", nil, "", fmt.Errorf("the value of %s: %w", key, err)
	}
	rest = strings.TrimSpace(s[dec.InputOffset():])
	if after, ok := strings.CutPrefix(rest, ","); ok {
		rest = strings.TrimSpace(after)
	} else if rest != "" {
		return "", nil, "", fmt.Errorf("expected a comma after %s", key)
	}
	return key, val, rest, nil
}

// isIdent reports whether s is a non-empty identifier.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9'
		if !ok {
			return false
		}
	}
	return true
}
