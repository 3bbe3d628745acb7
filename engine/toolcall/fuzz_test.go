package toolcall_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// FuzzParser feeds arbitrary answers in arbitrary pieces. Whatever the
// input, the parser must not panic, must not show an opening marker as
// text, and must give the same text and calls whatever the piece size.
func FuzzParser(f *testing.F) {
	formats := []*toolcall.Format{&toolcall.Hermes, &toolcall.Mistral, &toolcall.Llama3, &toolcall.Phi4Mini}
	for _, c := range slices.Concat(llamaCppCases, phi4MiniCases) {
		f.Add(c.answer, uint8(3), uint8(slices.Index(formats, c.format)))
	}
	f.Add("<tool_call>{\"name\":\"a\",\"arguments\":{\"s\":\"}</tool_call>\"}}</tool_call>tail", uint8(1), uint8(0))
	f.Add("[TOOL_CALLS][{\"name\":\"a\"}] [TOOL_CALLS]", uint8(2), uint8(1))
	f.Add("<|python_tag|>x.call(a=1, b=\"2\")", uint8(5), uint8(2))
	f.Add("a<|tool_call|>[{\"name\":\"a\"}]<|/tool_call|> <|tool_call|>{\"name\":\"b\"}  ", uint8(2), uint8(3))
	f.Fuzz(func(t *testing.T, answer string, size, which uint8) {
		format := formats[int(which)%len(formats)]
		text1, calls1, err1 := parseInChunks(format, nil, answer, len(answer)+1)
		text2, calls2, err2 := parseInChunks(format, nil, answer, int(size%16)+1)
		for _, m := range format.Open {
			if strings.Contains(text1, m) && err1 == nil {
				t.Errorf("marker %q reached the text %q", m, text1)
			}
		}
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("whole: %v; in pieces: %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		if text1 != text2 || len(calls1) != len(calls2) {
			t.Fatalf("whole gave %q %d calls; in pieces of %d, %q %d calls", text1, len(calls1), size%16+1, text2, len(calls2))
		}
	})
}

// FuzzGrammar checks the grammar of each format on arbitrary text: no
// panic, and its answers are closed under prefixes (a text it takes has
// every beginning taken too), which the constraint's first-byte pruning
// relies on.
func FuzzGrammar(f *testing.F) {
	formats := []*toolcall.Format{&toolcall.Hermes, &toolcall.Mistral, &toolcall.Llama3, &toolcall.Phi4Mini}
	f.Add(`{"name": "plan_trip", "arguments": {"city": "Paris", "days": 3, "unit": "celsius"}}</tool_call>`, uint8(0))
	f.Add(`{"name": "special_function", "arguments": {"arg1": -0.5e+3}}`, uint8(0))
	f.Add("\n{\"name\"", uint8(0))
	f.Add(`[{"name": "special_function", "arguments": {"arg1": 1}, "id": "123456789"}]`, uint8(1))
	f.Add(`{"name": "special_function", "parameters": {"arg1": 1}}`, uint8(2))
	f.Add(`[{"name": "special_function", "arguments": {"arg1": 1}}, {"name": "plan_trip", "arguments": {"city": "Oslo"`, uint8(3))
	f.Add(`[{"name": "special_function", "arguments": {"arg1": 1}}] <|/tool_call|>`, uint8(3))
	f.Fuzz(func(t *testing.T, text string, which uint8) {
		format := formats[int(which)%len(formats)]
		g, err := toolcall.NewGrammar(format, []engine.Tool{specialFunction, richTool})
		if err != nil {
			t.Fatal(err)
		}
		if !g.Valid(text) {
			return
		}
		for i := range len(text) {
			if !g.Valid(text[:i]) {
				t.Fatalf("%s took %q but not its beginning %q", format.Name, text, text[:i])
			}
		}
	})
}
