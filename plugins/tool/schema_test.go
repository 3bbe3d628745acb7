package tool_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/tool"
)

// convertSchema is the shape of a unit converter's input, as plugins and
// MCP servers write them.
const convertSchema = `{"type":"object","properties":{
	"value":{"type":"number"},
	"from":{"type":"string","enum":["mi","km"]},
	"to":{"type":"string"},
	"opts":{"type":"object","properties":{"digits":{"type":"integer","minimum":0}},"additionalProperties":false}},
	"required":["value","from","to"],"additionalProperties":false}`

func TestSchemasCheck(t *testing.T) {
	tl := tool.Tool{Source: "plugin:x", Name: "convert", InputSchema: json.RawMessage(convertSchema)}
	tests := []struct {
		name, args, want string // want "" means the call fits
	}{
		{"fits", `{"value":1,"from":"mi","to":"km"}`, ""},
		{"nested fits", `{"value":1.5,"from":"km","to":"mi","opts":{"digits":2}}`, ""},
		{"string for number", `{"value":"1","from":"mi","to":"km"}`, `the argument "value" must be a number`},
		{"missing", `{"value":1,"from":"mi"}`, `the argument "to" is missing`},
		{"extra", `{"value":1,"from":"mi","to":"km","x":true}`, `the argument "x" is not allowed`},
		{"not in enum", `{"value":1,"from":"yd","to":"km"}`, `the argument "from" is not one of the allowed values`},
		{"nested type", `{"value":1,"from":"mi","to":"km","opts":{"digits":1.5}}`, `the argument "opts.digits" must be an integer`},
		{"nested minimum", `{"value":1,"from":"mi","to":"km","opts":{"digits":-1}}`, `the argument "opts.digits" must be at least 0`},
		{"huge number", `{"value":1e400,"from":"mi","to":"km"}`, ""},
		{"nested extra", `{"value":1,"from":"mi","to":"km","opts":{"round":1}}`, `the argument "opts.round" is not allowed`},
		{"array", `[1,2]`, "the arguments must be a JSON object"},
		{"not JSON", `{"value":`, "the arguments must be a JSON object"},
		{"null", `null`, "the arguments must be a JSON object"},
		{"empty means {}", ``, `the argument "value" is missing`},
	}
	s := tool.NewSchemas()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Check(tl, json.RawMessage(tt.args))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !errors.Is(err, tool.ErrInvalidArgs) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q (ErrInvalidArgs)", err, tt.want)
			}
		})
	}
}

func TestSchemasBadSchema(t *testing.T) {
	tests := []struct{ name, schema string }{
		{"not JSON", `{"type":`},
		{"wrong keyword type", `{"type":"object","properties":{"a":{"type":12}}}`},
		{"external ref", `{"$ref":"https://example.com/s.json"}`},
		{"too large", `{"type":"object","description":"` + strings.Repeat("x", 70<<10) + `"}`},
	}
	s := tool.NewSchemas()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := tool.Tool{Source: "mcp:s", Name: "t", InputSchema: json.RawMessage(tt.schema)}
			for range 2 { // the second time from the cache
				err := s.Check(tl, json.RawMessage(`{}`))
				if !errors.Is(err, tool.ErrBadSchema) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("error %v, want one line wrapping ErrBadSchema", err)
				}
			}
		})
	}
	if err := s.Check(tool.Tool{Source: "mcp:s", Name: "none"}, nil); err != nil {
		t.Fatalf("a tool without a schema takes any object: %v", err)
	}
}

// TestSchemasChangedSchema: the cache is keyed by the schema, so a tool
// whose schema changes is checked against the new one.
func TestSchemasChangedSchema(t *testing.T) {
	s := tool.NewSchemas()
	tl := tool.Tool{Source: "mcp:s", Name: "t", InputSchema: json.RawMessage(`{"type":"object","properties":{"a":{"type":"string"}}}`)}
	if err := s.Check(tl, json.RawMessage(`{"a":"x"}`)); err != nil {
		t.Fatal(err)
	}
	tl.InputSchema = json.RawMessage(`{"type":"object","properties":{"a":{"type":"number"}}}`)
	if err := s.Check(tl, json.RawMessage(`{"a":"x"}`)); !errors.Is(err, tool.ErrInvalidArgs) {
		t.Fatalf("the old schema was used: %v", err)
	}
}

// TestCallInvalidArgs: a call whose arguments do not fit is refused before
// the user is asked and before the tool runs, and audited as refused.
func TestCallInvalidArgs(t *testing.T) {
	p := &fake{source: "mcp:units", tools: []tool.Tool{{Name: "convert", InputSchema: json.RawMessage(convertSchema), Trust: tool.TrustUnsandboxed, Risk: tool.RiskOpen}}}
	r := tool.New(&tool.MemStore{}, p)
	ask := &counter{allow: true, scope: tool.ScopeOnce}
	ctx := context.Background()
	_, err := r.Call(ctx, tool.Call{Source: "mcp:units", Name: "convert", Args: json.RawMessage(`{"value":"ten","from":"mi","to":"km"}`), Conversation: 3}, ask)
	if !errors.Is(err, tool.ErrInvalidArgs) || err.Error() != `the argument "value" must be a number` {
		t.Fatalf("error %v", err)
	}
	if ask.n.Load() != 0 || p.calls.Load() != 0 {
		t.Fatalf("asked %d times, ran %d times", ask.n.Load(), p.calls.Load())
	}
	if _, err := r.Call(ctx, tool.Call{Source: "mcp:units", Name: "convert", Args: json.RawMessage(`{"value":`)}, ask); !errors.Is(err, tool.ErrInvalidArgs) {
		t.Fatalf("error %v", err)
	}
	if _, err := r.Call(ctx, tool.Call{Source: "mcp:units", Name: "convert", Args: json.RawMessage(`{"value":10,"from":"mi","to":"km"}`)}, ask); err != nil || ask.n.Load() != 1 || p.calls.Load() != 1 {
		t.Fatalf("a call that fits: %v, asked %d, ran %d", err, ask.n.Load(), p.calls.Load())
	}
	log, err := r.Audit(ctx)
	if err != nil || len(log) != 3 {
		t.Fatalf("audit %+v %v", log, err)
	}
	if e := log[0]; !e.Refused || e.ApprovedBy != "" || e.Error != `the argument "value" must be a number` || !strings.Contains(string(e.Args), "ten") || e.Conversation != 3 {
		t.Fatalf("first entry %+v", e)
	}
	if e := log[1]; !e.Refused || string(e.Args) != `"{\"value\":"` {
		t.Fatalf("the entry of arguments that are not JSON: %+v (args %s)", e, e.Args)
	}
	if e := log[2]; e.Refused || e.Error != "" {
		t.Fatalf("the call that ran: %+v", e)
	}
}

// TestCallBadSchemaUncallable: a tool whose schema does not compile is
// refused, never run unchecked.
func TestCallBadSchemaUncallable(t *testing.T) {
	p := &fake{source: "mcp:s", tools: []tool.Tool{{Name: "t", InputSchema: json.RawMessage(`{"type":"object","required":"a"}`), Trust: tool.TrustUnsandboxed, Risk: tool.RiskOpen}}}
	r := tool.New(&tool.MemStore{}, p)
	ask := &counter{allow: true, scope: tool.ScopeOnce}
	_, err := r.Call(context.Background(), tool.Call{Source: "mcp:s", Name: "t", Args: json.RawMessage(`{}`)}, ask)
	if !errors.Is(err, tool.ErrBadSchema) || ask.n.Load() != 0 || p.calls.Load() != 0 {
		t.Fatalf("error %v, asked %d, ran %d", err, ask.n.Load(), p.calls.Load())
	}
}

// FuzzSchemasCheck: any schema and arguments give nil, ErrInvalidArgs or
// ErrBadSchema, in one line, without a panic.
func FuzzSchemasCheck(f *testing.F) {
	f.Add(convertSchema, `{"value":1,"from":"mi","to":"km"}`)
	f.Add(convertSchema, `{"value":"1"}`)
	f.Add(`{"type":"object","properties":{"a":{"$ref":"#/$defs/x"}},"$defs":{"x":{"type":"array","items":{"$ref":"#/$defs/x"}}}}`, `{"a":[[[]],[1]]}`)
	f.Add(`{"type":"object","patternProperties":{"^a+$":{"type":"string"}}}`, `{"aaa":1}`)
	f.Add(`{"oneOf":[{"type":"object"},{"required":["a"]}]}`, `{"a":null}`)
	f.Add(bombSchema, `{"a":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}`)
	f.Add(`{"type":`, `{}`)
	f.Add(``, `[]`)
	f.Fuzz(func(t *testing.T, schema, args string) {
		s := tool.NewSchemas()
		err := s.Check(tool.Tool{Source: "mcp:f", Name: "f", InputSchema: json.RawMessage(schema)}, json.RawMessage(args))
		if err == nil {
			return
		}
		if !errors.Is(err, tool.ErrInvalidArgs) && !errors.Is(err, tool.ErrBadSchema) {
			t.Fatalf("error of another kind: %v", err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("error of more than one line: %q", err)
		}
	})
}

// bombSchema makes the validator try two failing branches at each level of
// nesting: 2^depth evaluations without a budget.
const bombSchema = `{"type":"object","properties":{"a":{"$ref":"#/$defs/x"}},"$defs":{"x":{"anyOf":[
	{"type":"array","items":{"$ref":"#/$defs/x"}},{"type":"array","items":{"$ref":"#/$defs/x"}},{"type":"null"}]}}}`

// TestSchemasCostBounded: a schema whose check would take exponential time
// is stopped by the step budget with one sentence, and the same schema
// still checks a small call.
func TestSchemasCostBounded(t *testing.T) {
	s := tool.NewSchemas()
	tl := tool.Tool{Source: "mcp:s", Name: "bomb", InputSchema: json.RawMessage(bombSchema)}
	deep := `{"a":` + strings.Repeat("[", 40) + "1" + strings.Repeat("]", 40) + `}`
	err := s.Check(tl, json.RawMessage(deep))
	if !errors.Is(err, tool.ErrInvalidArgs) || !strings.Contains(err.Error(), "too costly to check") {
		t.Fatalf("error %v, want the budget's refusal", err)
	}
	if err := s.Check(tl, json.RawMessage(`{"a":[[null],[]]}`)); err != nil {
		t.Fatalf("a small call after the budget ran out: %v", err)
	}
	if err := s.Check(tl, json.RawMessage(`{"a":[[1]]}`)); !errors.Is(err, tool.ErrInvalidArgs) || strings.Contains(err.Error(), "costly") {
		t.Fatalf("a small wrong call: %v", err)
	}
}
