package toolcall_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/toolcall"
	"github.com/hearth-app/hearth/internal/schemabudget"
)

// nestedAnyOf makes the validator try two failing branches at each level of
// nesting: 2^depth evaluations without a budget.
const nestedAnyOf = `{"type":"object","properties":{"a":{"$ref":"#/$defs/x"}},"$defs":{"x":{"anyOf":[
	{"type":"array","items":{"$ref":"#/$defs/x"}},{"type":"array","items":{"$ref":"#/$defs/x"}},{"type":"null"}]}}}`

// TestSchemasCheckCostBounded: a tool whose schema (from a server or a
// plugin) would make checking a call take exponential time and memory is
// refused within the step budget, and the same schema still checks small
// calls either way.
func TestSchemasCheckCostBounded(t *testing.T) {
	schemas, err := toolcall.NewSchemas([]engine.Tool{{Name: "bomb", Parameters: json.RawMessage(nestedAnyOf)}})
	if err != nil {
		t.Fatal(err)
	}
	deep := `{"a":` + strings.Repeat("[", 40) + "1" + strings.Repeat("]", 40) + `}`
	err = schemas.Check(engine.ToolCall{Name: "bomb", Arguments: json.RawMessage(deep)})
	if !errors.Is(err, toolcall.ErrInvalidArguments) || !errors.Is(err, schemabudget.ErrTooCostly) {
		t.Fatalf("deeply nested arguments: %v, want the budget's refusal", err)
	}
	if err := schemas.Check(engine.ToolCall{Name: "bomb", Arguments: json.RawMessage(`{"a":[[null],[]]}`)}); err != nil {
		t.Fatalf("a small call after the budget ran out: %v", err)
	}
	err = schemas.Check(engine.ToolCall{Name: "bomb", Arguments: json.RawMessage(`{"a":[[1]]}`)})
	if !errors.Is(err, toolcall.ErrInvalidArguments) || errors.Is(err, schemabudget.ErrTooCostly) {
		t.Fatalf("a small wrong call: %v", err)
	}
}
