package toolcall_test

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// richTool has a parameter of every kind the constraint follows.
var richTool = engine.Tool{Name: "plan_trip", Parameters: json.RawMessage(`{
	"type": "object",
	"properties": {
		"city": {"type": "string", "maxLength": 12},
		"days": {"type": "integer"},
		"budget": {"type": "number"},
		"unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
		"flexible": {"type": "boolean"},
		"tags": {"type": "array", "items": {"type": "string", "maxLength": 6}, "maxItems": 3},
		"home": {"type": "object", "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}}, "required": ["lat", "lon"]}
	},
	"required": ["city", "days", "unit"]
}`)}

func grammarFor(t *testing.T, f *toolcall.Format, tools ...engine.Tool) *toolcall.Grammar {
	t.Helper()
	g, err := toolcall.NewGrammar(f, tools)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGrammarAcceptsEveryPrefixOfValidCalls(t *testing.T) {
	cases := []struct {
		f    *toolcall.Format
		body string // after the opening marker
	}{
		// llama.cpp's test cases (tests/test-chat.cpp), after the marker.
		{&toolcall.Hermes, "\n{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}\n</tool_call>"},
		{&toolcall.Mistral, "[{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}]"},
		{&toolcall.Mistral, "[{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}, \"id\": \"123456789\"}]"},
		{&toolcall.Llama3, "{\"name\": \"special_function\", \"parameters\": {\"arg1\": 1}}"},
		// Phi-4-mini's calls as Gorilla's function-calling leaderboard
		// shows the model writing them (bfcl_eval phi_fc.py).
		{&toolcall.Phi4Mini, "[{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}]<|/tool_call|>"},
		{&toolcall.Phi4Mini, "[{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}, {\"name\": \"special_function\", \"arguments\": {\"arg1\": 2}}]<|/tool_call|>"},
		{&toolcall.Hermes, `{"name":"plan_trip","arguments":{"city":"Paris","days":3,"unit":"celsius"}}</tool_call>`},
		{&toolcall.Hermes, `{"name": "plan_trip", "arguments": {"city": "Zo\u00e9", "days": -2, "budget": 1.5e3, "unit": "fahrenheit", "flexible": false, "tags": ["a", "b"], "home": {"lat": 1, "lon": -0.5}}}</tool_call>`},
	}
	for _, c := range cases {
		g := grammarFor(t, c.f, specialFunction, richTool)
		for i := 0; i <= len(c.body); i++ {
			if !g.Valid(c.body[:i]) {
				t.Errorf("%s: the valid call's prefix %q was refused", c.f.Name, c.body[:i])
				break
			}
		}
	}
}

func TestGrammarRefuses(t *testing.T) {
	g := grammarFor(t, &toolcall.Hermes, specialFunction, richTool)
	for _, body := range []string{
		`{"name": "rm`, // not an offered tool
		`{"name": "special_function", "arguments": {"arg1": "`,                                                       // a string for an integer
		`{"name": "special_function", "arguments": {"arg1": 1.5`,                                                     // a fraction for an integer
		`{"name": "special_function", "arguments": {}`,                                                               // a required argument missing
		`{"name": "special_function", "arguments": {"arg2`,                                                           // an unknown argument
		`{"name": "plan_trip", "arguments": {"days": 3`,                                                              // skips the required city
		`{"name": "plan_trip", "arguments": {"city": "Paris", "days": 3, "unit": "kelvin"`,                           // not in the enum
		`{"name": "plan_trip", "arguments": {"city": "Llanfairpwllgw`,                                                // past maxLength
		`{"name": "plan_trip", "arguments": {"city": "x", "days": 1, "unit": "celsius", "tags": ["a", "b", "c", "d"`, // past maxItems
		`{"name": "special_function", "arguments": {"arg1": 1}}   `,                                                  // endless padding
		`{"name": "special_function", "arguments": {"arg1": 1}}</tool_call>x`,                                        // text past the end
		"x",
		`{"name": "special_function", "arguments": {"arg1": 1}, "id"`, // ids are Mistral's
		// A number at its 24-character bound that still needs digits.
		`{"name": "plan_trip", "arguments": {"city": "x", "days": 1, "budget": -5754739022007601945590e`,
	} {
		if g.Valid(body) {
			t.Errorf("the grammar took %q", body)
		}
	}
}

func TestGrammarRefusesPhi4Mini(t *testing.T) {
	g := grammarFor(t, &toolcall.Phi4Mini, specialFunction)
	for _, body := range []string{
		`{"name": "special_function"`,                                             // constrained calls are written as a list
		`[{"name": "special_function", "arguments": {"arg1": 1}}]</tool_call>`,    // Hermes's closing marker
		`[{"name": "special_function", "arguments": {"arg1": 1}}]<|/tool_call|>x`, // text past the end
		`[{"name": "special_function", "parameters": {`,                           // Llama's key
	} {
		if g.Valid(body) {
			t.Errorf("the grammar took %q", body)
		}
	}
}

func TestGrammarRefusesMistralIDsOfOtherLengths(t *testing.T) {
	g := grammarFor(t, &toolcall.Mistral, specialFunction)
	if g.Valid(`[{"name": "special_function", "arguments": {"arg1": 1}, "id": "1234567890`) {
		t.Error("a ten-character id was taken")
	}
	if g.Valid(`[{"name": "special_function", "arguments": {"arg1": 1}, "id": "12345678"}`) {
		t.Error("an eight-character id was taken")
	}
}

// byteVocab is a vocabulary of every byte and some longer pieces, as a
// real one has.
func byteVocab() []string {
	v := make([]string, 0, 300)
	for b := 1; b < 256; b++ {
		v = append(v, string([]byte{byte(b)}))
	}
	return append(v, `{"`, `":`, `", "`, `</tool_call>`, `<|/tool_call|>`, `name`, `true`, `celsius`, `1`, ` [`, `"]`, "")
}

// TestConstrainedRandomWalk samples calls from random logits: whatever the
// "model" prefers, constrained the calls parse and match the schemas.
func TestConstrainedRandomWalk(t *testing.T) {
	vocab := byteVocab()
	schemas, err := toolcall.NewSchemas([]engine.Tool{specialFunction, richTool})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*toolcall.Format{&toolcall.Hermes, &toolcall.Mistral, &toolcall.Llama3, &toolcall.Phi4Mini} {
		g := grammarFor(t, f, specialFunction, richTool)
		for seed := range uint64(20) {
			rng := rand.New(rand.NewPCG(seed, 7))
			call := walk(t, rng, f, toolcall.NewConstraint(g, vocab, nil), vocab)
			_, calls, err := parseInChunks(f, schemas, f.Open[0]+call, 1)
			if err != nil || len(calls) == 0 {
				t.Fatalf("%s seed %d: the constrained call %q gave %+v, %v", f.Name, seed, call, calls, err)
			}
		}
	}
}

// walk samples tokens from random logits through the constraint until the
// call's text is a whole call.
func walk(t *testing.T, rng *rand.Rand, f *toolcall.Format, c *toolcall.Constraint, vocab []string) string {
	t.Helper()
	var text strings.Builder
	logits := make([]float32, len(vocab))
	for range 5000 {
		for i := range logits {
			logits[i] = float32(rng.NormFloat64())
		}
		masked, ok := c.Filter(logits, 8)
		if !ok {
			t.Fatalf("no token allowed after %q", text.String())
		}
		tok := pick(rng, masked)
		c.Accept(tok)
		text.WriteString(vocab[tok])
		if complete(f, text.String()) {
			return text.String()
		}
	}
	t.Fatalf("no whole call after 5000 tokens: %q", text.String())
	return ""
}

// pick draws one of the tokens left (finite logits), uniformly.
func pick(rng *rand.Rand, logits []float32) int32 {
	var ok []int32
	for i, v := range logits {
		if v > -1e30 {
			ok = append(ok, int32(i))
		}
	}
	return ok[rng.IntN(len(ok))]
}

// complete reports whether text is a whole call in format f: up to its
// closing marker, or a whole JSON value.
func complete(f *toolcall.Format, text string) bool {
	if f.Close != "" {
		return strings.HasSuffix(text, f.Close)
	}
	s := strings.TrimSpace(text)
	return (strings.HasSuffix(s, "}") || strings.HasSuffix(s, "]")) && json.Valid([]byte(s))
}
