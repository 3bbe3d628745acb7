package embedded

import (
	"fmt"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/tokenizer"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// callStream separates the tool calls from the answer to a request that
// offers tools. A nil *callStream passes text through untouched.
type callStream struct {
	parser     *toolcall.Parser
	format     *toolcall.Format
	tools      *toolcall.Schemas
	grammar    *toolcall.Grammar    // nil: the schemas cannot be followed, calls are only checked
	constraint *toolcall.Constraint // built when the first call begins
	active     bool                 // the constraint follows a call under way
	calls      int                  // calls completed so far
	between    bool                 // the constraint follows the text after a call
	markers    map[int32]string     // control tokens that are the format's markers
}

// newCallStream returns the stream for req, or nil when req offers no tools
// or asks for a raw completion.
func (m *Model) newCallStream(req engine.Request) (*callStream, error) {
	if len(req.Tools) == 0 || req.Raw {
		return nil, nil
	}
	schemas, err := toolcall.NewSchemas(req.Tools)
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	f := m.toolFormat()
	grammar, err := toolcall.NewGrammar(f, req.Tools)
	if err != nil {
		grammar = nil // a schema the constraint cannot follow: calls are still checked
	}
	return &callStream{parser: toolcall.NewParser(f, schemas), format: f, tools: schemas, grammar: grammar,
		markers: markerTokens(m.tok, f)}, nil
}

// markerTokens finds the control tokens whose text is one of the format's
// markers ([TOOL_CALLS] and <|python_tag|> are control tokens in Mistral's
// and Llama 3's vocabularies). The decoder drops control tokens; these are
// kept, as llama.cpp's preserved tokens, so that the parser sees the call.
func markerTokens(tok *tokenizer.Tokenizer, f *toolcall.Format) map[int32]string {
	out := map[int32]string{}
	for _, marker := range append([]string{f.Close}, f.Open...) {
		if id, ok := tok.TokenID(marker); ok && marker != "" && tok.IsControl(id) {
			out[id] = marker
		}
	}
	return out
}

// markerText returns the text of tok when it is a marker the decoder
// drops, else "".
func (c *callStream) markerText(tok int32) string {
	if c == nil {
		return ""
	}
	return c.markers[tok]
}

// toolFormat is the tool-call format the model's chat template teaches.
func (m *Model) toolFormat() *toolcall.Format {
	src, _ := m.file.String("tokenizer.chat_template")
	return toolcall.DetectOrDefault(src)
}

// feed turns decoded text into a chunk: the text outside calls, and the
// calls completed in it.
func (c *callStream) feed(text string) (engine.Chunk, error) {
	if c == nil {
		return engine.Chunk{Text: text}, nil
	}
	r, err := c.parser.Feed(text)
	c.calls += len(r.Calls)
	return engine.Chunk{Text: r.Text, ToolCalls: r.Calls}, err
}

// finish ends the answer: held text comes out, and a call left open is an
// error wrapping toolcall.ErrTruncated.
func (c *callStream) finish() (engine.Chunk, error) {
	if c == nil {
		return engine.Chunk{}, nil
	}
	r, err := c.parser.Finish()
	return engine.Chunk{Text: r.Text, ToolCalls: r.Calls}, err
}
