package toolcall

import (
	"bytes"
	"fmt"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/internal/schemabudget"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Schemas checks calls against the tools offered to the model. The zero
// value (no tools) accepts any name and any object as arguments.
type Schemas struct {
	byName map[string]*toolSchema
}

// toolSchema is one tool's parameter schema, compiled, with the budget
// that bounds a check's work: a tool's schema comes from an untrusted source
// (an MCP server, a plugin), and must neither make Hearth read files or the
// network nor make a check take exponential time (see schemabudget).
type toolSchema struct {
	compiled *jsonschema.Schema
	budget   *schemabudget.Budget
}

// NewSchemas compiles the parameter schema of each tool. A tool without one
// takes any object.
func NewSchemas(tools []engine.Tool) (*Schemas, error) {
	s := &Schemas{byName: map[string]*toolSchema{}}
	for _, t := range tools {
		ts, err := compile(t)
		if err != nil {
			return nil, fmt.Errorf("tool %q: %w: %w", t.Name, ErrBadSchema, err)
		}
		s.byName[t.Name] = ts
	}
	return s, nil
}

// compile builds one tool's schema.
func compile(t engine.Tool) (*toolSchema, error) {
	raw := bytes.TrimSpace(t.Parameters)
	if len(raw) == 0 || string(raw) == "null" {
		raw = []byte(`{"type":"object"}`)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	budget := &schemabudget.Budget{}
	c := budget.NewCompiler()
	const url = "hearth:tool-parameters.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	compiled, err := c.Compile(url)
	if err != nil {
		return nil, err
	}
	return &toolSchema{compiled: compiled, budget: budget}, nil
}

// Check reports whether call names an offered tool with arguments its
// schema accepts.
func (s *Schemas) Check(call engine.ToolCall) error {
	if s == nil || s.byName == nil {
		return nil
	}
	ts, ok := s.byName[call.Name]
	if !ok {
		return fmt.Errorf("%w: %q", ErrUnknownTool, call.Name)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(call.Arguments))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if err := ts.budget.Validate(ts.compiled, inst); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalidArguments, call.Name, err)
	}
	return nil
}

// Names returns the offered tools' names.
func (s *Schemas) Names() []string {
	if s == nil {
		return nil
	}
	names := make([]string, 0, len(s.byName))
	for n := range s.byName {
		names = append(names, n)
	}
	return names
}
