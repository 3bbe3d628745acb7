package embedded

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/chattemplate"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// toolsSystemPrompt is the system message given when a conversation with
// tools has none, for a template that reads tools only from the system
// message: the sentence of the Phi-4-mini model card's tool example.
const toolsSystemPrompt = "You are a helpful assistant with some tools."

// withSystemTools shapes in for a format whose template reads tools only
// as a string in the system message and calls only from the assistant's
// text (Phi-4-mini, see toolcall's RATIONALE.md): the tools go in the
// system message, one made when there is none, and an assistant turn's
// calls are written into its content the way the model writes them.
// Other formats get in unchanged.
func withSystemTools(f *toolcall.Format, in chattemplate.Input) (chattemplate.Input, error) {
	if !f.SystemTools {
		return in, nil
	}
	msgs := make([]engine.Message, 0, len(in.Messages)+1)
	if len(in.Tools) > 0 && !hasSystem(in.Messages) {
		msgs = append(msgs, engine.Message{Role: "system", Content: toolsSystemPrompt})
	}
	for _, m := range in.Messages {
		if len(m.ToolCalls) > 0 {
			text, err := callsText(f, m.ToolCalls)
			if err != nil {
				return in, err
			}
			m.Content, m.ToolCalls = m.Content+text, nil
		}
		msgs = append(msgs, m)
	}
	in.Messages = msgs
	if len(in.Tools) > 0 {
		tools, err := toolsText(in.Tools)
		if err != nil {
			return in, err
		}
		in.SystemTools = tools
	}
	return in, nil
}

// hasSystem reports whether msgs hold a system message.
func hasSystem(msgs []engine.Message) bool {
	for _, m := range msgs {
		if m.Role == "system" {
			return true
		}
	}
	return false
}

// toolsText writes tools as the JSON array of {name, description,
// parameters} the model is shown, spaced as Python's json.dumps spaces it.
func toolsText(tools []engine.Tool) (string, error) {
	type shown struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		Parameters  json.RawMessage `json:"parameters"`
	}
	list := make([]shown, len(tools))
	for i, t := range tools {
		list[i] = shown{t.Name, t.Description, orEmptyObject(t.Parameters)}
	}
	return dumped("tools", list)
}

// callsText writes calls as the model writes them: its opening marker, a
// JSON array of {"name": ..., "<ArgsKey>": ...}, its closing marker.
func callsText(f *toolcall.Format, calls []engine.ToolCall) (string, error) {
	list := make([]json.RawMessage, len(calls))
	for i, c := range calls {
		name, err := json.Marshal(c.Name)
		if err != nil {
			return "", fmt.Errorf("prompt: tool call %q: %w", c.Name, err)
		}
		key, _ := json.Marshal(f.ArgsKey)
		list[i] = json.RawMessage(`{"name":` + string(name) + `,` + string(key) + `:` + string(orEmptyObject(c.Arguments)) + `}`)
	}
	text, err := dumped("tool calls", list)
	if err != nil {
		return "", err
	}
	return f.Open[0] + text + f.Close, nil
}

// dumped marshals v and respaces it as the tojson filter does.
func dumped(what string, v any) (string, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("prompt: %s: %w", what, err)
	}
	text, err := chattemplate.DumpJSON(raw)
	if err != nil {
		return "", fmt.Errorf("prompt: %s: %w", what, err)
	}
	return text, nil
}

// orEmptyObject is raw, or {} when raw is empty.
func orEmptyObject(raw json.RawMessage) json.RawMessage {
	if strings.TrimSpace(string(raw)) == "" {
		return json.RawMessage("{}")
	}
	return raw
}
