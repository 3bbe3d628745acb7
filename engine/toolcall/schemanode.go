package toolcall

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// maxSchemaDepth bounds the nesting of a schema the constraint follows.
const maxSchemaDepth = 32

// node is the part of a JSON Schema the constraint follows: types, enum
// and const, object properties in the schema's order with the required
// ones, array items and counts, string lengths. A node with no types and
// no enum takes any JSON value.
type node struct {
	types    []string
	enum     []string // compact JSON of each allowed value; nil means any
	props    []prop
	required map[string]bool
	items    *node
	minItems int
	maxItems int // -1: no limit
	minLen   int
	maxLen   int // -1: no limit
}

// prop is one property of an object node.
type prop struct {
	name string
	n    *node
}

// rawSchema is a schema as written, for decoding.
type rawSchema struct {
	Type       json.RawMessage   `json:"type"`
	Enum       []json.RawMessage `json:"enum"`
	Const      json.RawMessage   `json:"const"`
	Properties orderedProps      `json:"properties"`
	Required   []string          `json:"required"`
	Items      json.RawMessage   `json:"items"`
	MinItems   *int              `json:"minItems"`
	MaxItems   *int              `json:"maxItems"`
	MinLength  *int              `json:"minLength"`
	MaxLength  *int              `json:"maxLength"`
}

// orderedProps keeps an object's properties in the order written.
type orderedProps []struct {
	name string
	raw  json.RawMessage
}

// UnmarshalJSON reads the properties object key by key.
func (o *orderedProps) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("properties is not an object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		*o = append(*o, struct {
			name string
			raw  json.RawMessage
		}{t.(string), raw})
	}
	return nil
}

// parseNode reads a schema into a node.
func parseNode(raw json.RawMessage, depth int) (*node, error) {
	n := &node{maxItems: -1, maxLen: -1}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "true" || string(raw) == "null" {
		return n, nil
	}
	if depth > maxSchemaDepth {
		return nil, fmt.Errorf("the schema nests deeper than %d", maxSchemaDepth)
	}
	var r rawSchema
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	if err := n.setTypes(r); err != nil {
		return nil, err
	}
	n.setLimits(r)
	for _, p := range r.Properties {
		child, err := parseNode(p.raw, depth+1)
		if err != nil {
			return nil, err
		}
		n.props = append(n.props, prop{p.name, child})
	}
	if len(r.Items) > 0 {
		items, err := parseNode(r.Items, depth+1)
		if err != nil {
			return nil, err
		}
		n.items = items
	}
	return n, nil
}

// setTypes reads type, enum and const.
func (n *node) setTypes(r rawSchema) error {
	if len(r.Type) > 0 {
		var one string
		if json.Unmarshal(r.Type, &one) == nil {
			n.types = []string{one}
		} else if err := json.Unmarshal(r.Type, &n.types); err != nil {
			return fmt.Errorf("type: %w", err)
		}
	}
	values := r.Enum
	if len(r.Const) > 0 {
		values = []json.RawMessage{r.Const}
	}
	for _, v := range values {
		var buf bytes.Buffer
		if err := json.Compact(&buf, v); err != nil {
			return err
		}
		n.enum = append(n.enum, buf.String())
	}
	return nil
}

// setLimits reads required, the item counts and the string lengths.
func (n *node) setLimits(r rawSchema) {
	n.required = map[string]bool{}
	for _, name := range r.Required {
		n.required[name] = true
	}
	set := func(dst *int, v *int) {
		if v != nil && *v >= 0 {
			*dst = *v
		}
	}
	set(&n.minItems, r.MinItems)
	set(&n.maxItems, r.MaxItems)
	set(&n.minLen, r.MinLength)
	set(&n.maxLen, r.MaxLength)
}

// allows reports whether the node takes values of JSON type t.
func (n *node) allows(t string) bool {
	if len(n.types) == 0 {
		return true
	}
	for _, x := range n.types {
		if x == t || t == "integer" && x == "number" {
			return true
		}
	}
	return false
}
