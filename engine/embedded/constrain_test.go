package embedded_test

import (
	"encoding/json"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// tripTool's arguments have a bounded string, an integer and an enum.
var tripTool = engine.Tool{Name: "plan_trip", Description: "Plans a trip.", Parameters: json.RawMessage(`{
	"type": "object",
	"properties": {
		"city": {"type": "string", "maxLength": 10},
		"days": {"type": "integer"},
		"unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
	},
	"required": ["city", "days", "unit"]
}`)}

// garbagePieces start a call to plan_trip the Qwen way and then write
// nonsense, as a small model might.
var garbagePieces = []string{"On it.", "<tool_call>", "\n{\"name\": \"plan_trip\", \"arguments\": {\"ci",
	"ty\": 42, \"days\": \"many", "\"}} zzz ]]", "{{{{", "kelvin", "</tool_call>"}

func TestConstrainedToolCallFromGarbage(t *testing.T) {
	m := openScripted(t, garbagePieces)
	msgs := []engine.Message{{Role: "user", Content: "Plan a trip."}}

	// Unconstrained (no tools offered), the model writes its garbage, which
	// is no valid call.
	text, _, err := collectCalls(t, m, engine.Request{Messages: msgs, Options: engine.Options{MaxTokens: 40}})
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := toolcall.NewSchemas([]engine.Tool{tripTool})
	if err != nil {
		t.Fatal(err)
	}
	p := toolcall.NewParser(&toolcall.Hermes, schemas)
	if _, err := p.Feed(text); err == nil {
		if _, err := p.Finish(); err == nil {
			t.Fatalf("the unconstrained answer %q is a valid call: the test proves nothing", text)
		}
	}

	// Constrained, greedy and sampled, the call is valid for the schema.
	for _, opts := range []engine.Options{
		{MaxTokens: 400},
		{MaxTokens: 400, Temperature: 1, Seed: 1},
		{MaxTokens: 400, Temperature: 1.5, TopK: 40, Seed: 2},
		{MaxTokens: 400, Temperature: 1, MinP: 0.05, Seed: 3},
	} {
		req := engine.Request{Messages: msgs, Tools: []engine.Tool{tripTool}, Options: opts}
		text, calls, err := collectCalls(t, m, req)
		if err != nil {
			t.Fatalf("%+v: %v (text %q)", opts, err, text)
		}
		if len(calls) != 1 || calls[0].Name != "plan_trip" {
			t.Fatalf("%+v: calls %+v, text %q", opts, calls, text)
		}
		if err := schemas.Check(calls[0]); err != nil {
			t.Fatalf("%+v: %v", opts, err)
		}
		t.Logf("%+v: %s", opts, calls[0].Arguments)
	}
}
