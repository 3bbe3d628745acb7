package toolcall_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// specialFunction is the tool of llama.cpp's chat tests (tests/test-chat.cpp).
var specialFunction = engine.Tool{Name: "special_function", Description: "I'm special",
	Parameters: json.RawMessage(`{"type":"object","properties":{"arg1":{"type":"integer","description":"The arg."}},"required":["arg1"]}`)}

// parseCase is an answer and what it must give. The answers are llama.cpp's
// chat-format test cases (tests/test-chat.cpp), written as each format's
// model writes them.
type parseCase struct {
	name   string
	format *toolcall.Format
	answer string
	text   string
	calls  []engine.ToolCall // IDs are compared only when set here
}

var llamaCppCases = []parseCase{
	{"hermes text", &toolcall.Hermes, "Hello, world!\nWhat's up?", "Hello, world!\nWhat's up?", nil},
	{"hermes call", &toolcall.Hermes, "<tool_call>\n{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}\n</tool_call>", "",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}}},
	{"hermes text then call", &toolcall.Hermes, "Hello, world!\nWhat's up?<tool_call>\n{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}\n</tool_call>", "Hello, world!\nWhat's up?",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}}},
	{"hermes two calls", &toolcall.Hermes, "<tool_call>\n{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}\n</tool_call>\n<tool_call>\n{\"name\": \"special_function\", \"arguments\": {\"arg1\": 2}}\n</tool_call>", "",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}, {Name: "special_function", Arguments: json.RawMessage(`{"arg1":2}`)}}},
	{"hermes marker inside a string", &toolcall.Hermes, "<tool_call>{\"name\": \"f\", \"arguments\": {\"s\": \"a </tool_call> b\"}}</tool_call>", "",
		[]engine.ToolCall{{Name: "f", Arguments: json.RawMessage(`{"s":"a </tool_call> b"}`)}}},
	{"mistral text", &toolcall.Mistral, "Hello, world!\nWhat's up?", "Hello, world!\nWhat's up?", nil},
	{"mistral call", &toolcall.Mistral, "[TOOL_CALLS][{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}, \"id\": \"123456789\"}]", "",
		[]engine.ToolCall{{ID: "123456789", Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}}},
	{"llama3 text", &toolcall.Llama3, "Hello, world!\nWhat's up?", "Hello, world!\nWhat's up?", nil},
	{"llama3 json", &toolcall.Llama3, "{\"name\": \"special_function\", \"parameters\": {\"arg1\": 1}}", "",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}}},
	{"llama3 typed json", &toolcall.Llama3, "{\"type\": \"function\", \"name\": \"special_function\", \"parameters\": {\"arg1\": 1}}", "",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}}},
	{"llama3 python", &toolcall.Llama3, "<|python_tag|>python.call(code=\"print('hey')\")", "",
		[]engine.ToolCall{{Name: "python", Arguments: json.RawMessage(`{"code":"print('hey')"}`)}}},
	{"llama3 code_interpreter", &toolcall.Llama3, "<|python_tag|>code_interpreter.call(code=\"print('hey')\")", "",
		[]engine.ToolCall{{Name: "code_interpreter", Arguments: json.RawMessage(`{"code":"print('hey')"}`)}}},
	{"llama3 json not a call", &toolcall.Llama3, "{\"answer\": 42}", "{\"answer\": 42}", nil},
}

// phi4MiniCases are answers as Phi-4-mini writes them, seen by Gorilla's
// function-calling leaderboard (bfcl_eval phi_fc.py): a list of calls
// between <|tool_call|> and <|/tool_call|>, sometimes without the closing
// marker, sometimes parallel calls without the list's brackets.
var phi4MiniCases = []parseCase{
	{"phi4mini text", &toolcall.Phi4Mini, "Hello, world!\nWhat's up?", "Hello, world!\nWhat's up?", nil},
	{"phi4mini call", &toolcall.Phi4Mini, "<|tool_call|>[{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}]<|/tool_call|>", "",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}}},
	{"phi4mini text then two calls", &toolcall.Phi4Mini, "Sure.<|tool_call|>[{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}, {\"name\": \"special_function\", \"arguments\": {\"arg1\": 2}}]<|/tool_call|>", "Sure.",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}, {Name: "special_function", Arguments: json.RawMessage(`{"arg1":2}`)}}},
	{"phi4mini one object", &toolcall.Phi4Mini, "<|tool_call|>{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}<|/tool_call|>", "",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}}},
	{"phi4mini no closing marker", &toolcall.Phi4Mini, "<|tool_call|>[{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}]\n", "",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}}},
	{"phi4mini parallel calls without brackets", &toolcall.Phi4Mini, "<|tool_call|>{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}, {\"name\": \"special_function\", \"arguments\": {\"arg1\": 2}}<|/tool_call|>", "",
		[]engine.ToolCall{{Name: "special_function", Arguments: json.RawMessage(`{"arg1":1}`)}, {Name: "special_function", Arguments: json.RawMessage(`{"arg1":2}`)}}},
	{"phi4mini marker inside a string", &toolcall.Phi4Mini, "<|tool_call|>[{\"name\": \"f\", \"arguments\": {\"s\": \"a <|/tool_call|> b\"}}]<|/tool_call|> ", "",
		[]engine.ToolCall{{Name: "f", Arguments: json.RawMessage(`{"s":"a <|/tool_call|> b"}`)}}},
}

func TestParseLlamaCppCases(t *testing.T) {
	for _, c := range slices.Concat(llamaCppCases, phi4MiniCases) {
		t.Run(c.name, func(t *testing.T) {
			for _, size := range []int{len(c.answer) + 1, 1, 2, 3, 5, 7} {
				text, calls, err := parseInChunks(c.format, nil, c.answer, size)
				if err != nil {
					t.Fatalf("chunks of %d: %v", size, err)
				}
				checkResult(t, size, text, calls, c.text, c.calls)
			}
		})
	}
}

// parseInChunks feeds answer in pieces of size bytes and checks that no
// markup reaches the text on the way.
func parseInChunks(f *toolcall.Format, s *toolcall.Schemas, answer string, size int) (string, []engine.ToolCall, error) {
	p := toolcall.NewParser(f, s)
	var text strings.Builder
	var calls []engine.ToolCall
	for i := 0; i < len(answer); i += size {
		r, err := p.Feed(answer[i:min(i+size, len(answer))])
		text.WriteString(r.Text)
		calls = append(calls, r.Calls...)
		if err != nil {
			return text.String(), calls, err
		}
	}
	r, err := p.Finish()
	text.WriteString(r.Text)
	return text.String(), append(calls, r.Calls...), err
}

func checkResult(t *testing.T, size int, text string, calls []engine.ToolCall, wantText string, want []engine.ToolCall) {
	t.Helper()
	if text != wantText {
		t.Errorf("chunks of %d: text %q, want %q", size, text, wantText)
	}
	if len(calls) != len(want) {
		t.Fatalf("chunks of %d: %d calls %+v, want %d", size, len(calls), calls, len(want))
	}
	for i, c := range calls {
		w := want[i]
		if c.Name != w.Name || string(c.Arguments) != string(w.Arguments) {
			t.Errorf("chunks of %d: call %d is %s(%s), want %s(%s)", size, i, c.Name, c.Arguments, w.Name, w.Arguments)
		}
		if c.ID == "" || w.ID != "" && c.ID != w.ID {
			t.Errorf("chunks of %d: call %d has id %q, want %q", size, i, c.ID, w.ID)
		}
	}
}

func TestParseHeldMarkerReleased(t *testing.T) {
	// "<tool_" could begin <tool_call>: it is held until the next piece
	// shows it does not, then shown.
	p := toolcall.NewParser(&toolcall.Hermes, nil)
	r, err := p.Feed("see <tool_")
	if err != nil || r.Text != "see " {
		t.Fatalf("first piece gave %q, %v; want %q held back after it", r.Text, err, "see ")
	}
	r, err = p.Feed("box> here")
	if err != nil || r.Text != "<tool_box> here" {
		t.Fatalf("second piece gave %q, %v", r.Text, err)
	}
	r, err = p.Feed(" <tool")
	if err != nil || r.Text != " " {
		t.Fatalf("third piece gave %q, %v", r.Text, err)
	}
	r, err = p.Finish()
	if err != nil || r.Text != "<tool" {
		t.Fatalf("finish gave %q, %v; want the held %q", r.Text, err, "<tool")
	}
}

func TestParseEndlessLeadingSpaceIsText(t *testing.T) {
	p := toolcall.NewParser(&toolcall.Llama3, nil)
	var text string
	for range 100 {
		r, err := p.Feed("  ")
		if err != nil {
			t.Fatal(err)
		}
		text += r.Text
	}
	if len(text) < 100 {
		t.Fatalf("200 bytes of leading space are still held back (%d shown)", len(text))
	}
}

func TestParseSplitMarker(t *testing.T) {
	p := toolcall.NewParser(&toolcall.Hermes, nil)
	var text string
	var calls []engine.ToolCall
	for _, piece := range []string{"Hi<tool_", "call>{\"name\":\"f\",", "\"arguments\":{}}</tool", "_call>"} {
		r, err := p.Feed(piece)
		if err != nil {
			t.Fatal(err)
		}
		text += r.Text
		calls = append(calls, r.Calls...)
	}
	if text != "Hi" || len(calls) != 1 || calls[0].Name != "f" {
		t.Fatalf("got text %q and calls %+v", text, calls)
	}
	if !strings.HasPrefix(calls[0].ID, "call_") {
		t.Errorf("id %q", calls[0].ID)
	}
}

func TestParseErrors(t *testing.T) {
	schemas, err := toolcall.NewSchemas([]engine.Tool{specialFunction})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		format *toolcall.Format
		answer string
		want   error
		text   string
	}{
		{"hermes unclosed", &toolcall.Hermes, "Ok <tool_call>{\"name\": \"special_function\", \"argu", toolcall.ErrTruncated, "Ok "},
		// The closing marker falls inside an unfinished string, where it is
		// part of the string: the call never closes.
		{"hermes marker in an open string", &toolcall.Hermes, "<tool_call>{\"name\": \"special_function\", \"argu</tool_call>", toolcall.ErrTruncated, ""},
		{"hermes closed after bad json", &toolcall.Hermes, "<tool_call>{\"name\": \"special_function\", 7}</tool_call>", toolcall.ErrMalformed, ""},
		{"mistral unclosed", &toolcall.Mistral, "[TOOL_CALLS][{\"name\": \"special_function\"", toolcall.ErrTruncated, ""},
		{"llama3 unclosed", &toolcall.Llama3, "{\"name\": \"special_function\", \"parameters\": {", toolcall.ErrTruncated, ""},
		{"unknown tool", &toolcall.Hermes, "<tool_call>{\"name\": \"rm_rf\", \"arguments\": {}}</tool_call>", toolcall.ErrUnknownTool, ""},
		{"argument of the wrong type", &toolcall.Hermes, "<tool_call>{\"name\": \"special_function\", \"arguments\": {\"arg1\": \"one\"}}</tool_call>", toolcall.ErrInvalidArguments, ""},
		{"missing required argument", &toolcall.Mistral, "[TOOL_CALLS][{\"name\": \"special_function\", \"arguments\": {}}]", toolcall.ErrInvalidArguments, ""},
		{"no name", &toolcall.Hermes, "<tool_call>{\"arguments\": {}}</tool_call>", toolcall.ErrMalformed, ""},
		{"arguments not an object", &toolcall.Hermes, "<tool_call>{\"name\": \"special_function\", \"arguments\": [1]}</tool_call>", toolcall.ErrMalformed, ""},
		{"phi4mini unclosed", &toolcall.Phi4Mini, "Ok <|tool_call|>[{\"name\": \"special_function\", \"argu", toolcall.ErrTruncated, "Ok "},
		// The value ended but a cut-off closing marker follows it.
		{"phi4mini marker cut off", &toolcall.Phi4Mini, "<|tool_call|>[{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}]<|/tool", toolcall.ErrTruncated, ""},
		{"phi4mini unknown tool", &toolcall.Phi4Mini, "<|tool_call|>[{\"name\": \"rm_rf\", \"arguments\": {}}]<|/tool_call|>", toolcall.ErrUnknownTool, ""},
		{"phi4mini unclosed wrong type", &toolcall.Phi4Mini, "<|tool_call|>[{\"name\": \"special_function\", \"arguments\": {\"arg1\": \"one\"}}]", toolcall.ErrInvalidArguments, ""},
		{"phi4mini never closes", &toolcall.Phi4Mini, "<|tool_call|>[" + strings.Repeat("a", toolcall.MaxCallBytes+10), toolcall.ErrTruncated, ""},
		{"never closes", &toolcall.Hermes, "<tool_call>" + strings.Repeat("a", toolcall.MaxCallBytes+10), toolcall.ErrTruncated, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, size := range []int{len(c.answer), 1, 4096} {
				text, calls, err := parseInChunks(c.format, schemas, c.answer, size)
				if !errors.Is(err, c.want) {
					t.Fatalf("chunks of %d: error %v, want %v", size, err, c.want)
				}
				if text != c.text || len(calls) != 0 {
					t.Errorf("chunks of %d: text %q and calls %+v; want %q and none", size, text, calls, c.text)
				}
			}
		})
	}
}

func TestParseValidArguments(t *testing.T) {
	schemas, err := toolcall.NewSchemas([]engine.Tool{specialFunction})
	if err != nil {
		t.Fatal(err)
	}
	_, calls, err := parseInChunks(&toolcall.Hermes, schemas,
		"<tool_call>{\"name\": \"special_function\", \"arguments\": \"{\\\"arg1\\\": 3}\"}</tool_call>", 3)
	if err != nil || len(calls) != 1 || string(calls[0].Arguments) != `{"arg1":3}` {
		t.Fatalf("arguments written as a JSON string: %+v, %v", calls, err)
	}
}

func TestSchemasRefuseExternalRefs(t *testing.T) {
	tool := engine.Tool{Name: "x", Parameters: json.RawMessage(`{"$ref":"file:///etc/passwd"}`)}
	if _, err := toolcall.NewSchemas([]engine.Tool{tool}); !errors.Is(err, toolcall.ErrBadSchema) {
		t.Fatalf("a schema referring to a file compiled: %v", err)
	}
}
