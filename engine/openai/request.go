package openai

import (
	"encoding/json"
	"fmt"

	"github.com/hearth-app/hearth/engine"
)

// wireMessage is a message of a chat request.
type wireMessage struct {
	Role       string     `json:"role"`
	Content    string     `json:"content"`
	Name       string     `json:"name,omitempty"`
	ToolCalls  []wireCall `json:"tool_calls,omitempty"`
	ToolCallID string     `json:"tool_call_id,omitempty"`
}

// wireCall is a tool call of an earlier assistant turn.
type wireCall struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Function struct {
		Name      string `json:"name"`
		Arguments string `json:"arguments"`
	} `json:"function"`
}

// wireTool describes a tool to the model.
type wireTool struct {
	Type     string `json:"type"`
	Function struct {
		Name        string          `json:"name"`
		Description string          `json:"description,omitempty"`
		Parameters  json.RawMessage `json:"parameters"`
	} `json:"function"`
}

// requestBody returns the endpoint and body for req: a chat when it has
// messages, else a text completion of its prompt (which is raw by nature).
// Only OpenAI's own sampling fields are sent (temperature, top_p,
// max_tokens, seed, stop): top_k, min_p and the repeat penalty are not part
// of the API, and some servers refuse fields they do not know.
func requestBody(req engine.Request) (string, map[string]any, error) {
	body := map[string]any{
		"model":          req.Model,
		"stream":         true,
		"stream_options": map[string]any{"include_usage": true},
		"temperature":    req.Options.Temperature,
	}
	o := req.Options
	setIf(body, "top_p", o.TopP, o.TopP != 0)
	setIf(body, "max_tokens", o.MaxTokens, o.MaxTokens > 0)
	setIf(body, "seed", o.Seed, o.Seed != 0)
	setIf(body, "stop", o.Stop, len(o.Stop) > 0)
	if len(req.Messages) == 0 {
		body["prompt"] = req.Prompt
		return "/completions", body, nil
	}
	body["messages"] = wireMessages(req.Messages)
	if len(req.Tools) > 0 {
		tools, err := wireTools(req.Tools)
		if err != nil {
			return "", nil, err
		}
		body["tools"] = tools
	}
	return "/chat/completions", body, nil
}

func setIf(m map[string]any, key string, v any, present bool) {
	if present {
		m[key] = v
	}
}

// wireMessages maps a conversation. Tool calls without an id get one, and
// a tool result without a tool_call_id is paired with the earliest call
// not yet answered: servers check that each result names its call.
func wireMessages(ms []engine.Message) []wireMessage {
	out := make([]wireMessage, 0, len(ms))
	var pending []string // ids of calls not yet answered
	next := 0
	for _, m := range ms {
		w := wireMessage{Role: m.Role, Content: m.Content, ToolCallID: m.ToolCallID}
		if m.Role != "tool" {
			w.Name = m.Name
		}
		for _, c := range m.ToolCalls {
			wc := wireCall{ID: c.ID, Type: "function"}
			if wc.ID == "" {
				next++
				wc.ID = fmt.Sprintf("call_%d", next)
			}
			wc.Function.Name, wc.Function.Arguments = c.Name, string(c.Arguments)
			if wc.Function.Arguments == "" {
				wc.Function.Arguments = "{}"
			}
			w.ToolCalls = append(w.ToolCalls, wc)
			pending = append(pending, wc.ID)
		}
		if m.Role == "tool" && w.ToolCallID == "" && len(pending) > 0 {
			w.ToolCallID = pending[0]
		}
		if m.Role == "tool" && len(pending) > 0 {
			pending = removeID(pending, w.ToolCallID)
		}
		out = append(out, w)
	}
	return out
}

// removeID returns ids without id.
func removeID(ids []string, id string) []string {
	for i, v := range ids {
		if v == id {
			return append(ids[:i:i], ids[i+1:]...)
		}
	}
	return ids
}

// wireTools maps tool descriptions; a tool without parameters takes none.
func wireTools(ts []engine.Tool) ([]wireTool, error) {
	out := make([]wireTool, 0, len(ts))
	for _, t := range ts {
		w := wireTool{Type: "function"}
		w.Function.Name, w.Function.Description, w.Function.Parameters = t.Name, t.Description, t.Parameters
		if len(w.Function.Parameters) == 0 {
			w.Function.Parameters = json.RawMessage(`{"type":"object","properties":{}}`)
		}
		if !json.Valid(w.Function.Parameters) {
			return nil, fmt.Errorf("tool %q: parameters are not JSON", t.Name)
		}
		out = append(out, w)
	}
	return out, nil
}
