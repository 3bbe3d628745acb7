package openai

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine"
)

// chatRequest is the body of POST /v1/chat/completions (the fields Hearth
// honours; others are ignored, as OpenAI-compatible servers do).
type chatRequest struct {
	Model         string          `json:"model"`
	Messages      []chatMessage   `json:"messages"`
	Stream        bool            `json:"stream"`
	StreamOptions *streamOptions  `json:"stream_options"`
	Tools         []tool          `json:"tools"`
	ToolChoice    json.RawMessage `json:"tool_choice"`
	N             *int            `json:"n"`
	sampling
}

// sampling holds the options shared by chat and text completions.
type sampling struct {
	Temperature         *float64  `json:"temperature"`
	TopP                *float64  `json:"top_p"`
	MaxTokens           *int      `json:"max_tokens"`
	MaxCompletionTokens *int      `json:"max_completion_tokens"`
	Seed                *int64    `json:"seed"`
	Stop                stopField `json:"stop"`
	FrequencyPenalty    *float64  `json:"frequency_penalty"`
}

type streamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

type chatMessage struct {
	Role       string          `json:"role"`
	Content    json.RawMessage `json:"content"`
	Name       string          `json:"name,omitempty"`
	ToolCalls  []toolCall      `json:"tool_calls,omitempty"`
	ToolCallID string          `json:"tool_call_id,omitempty"`
}

type tool struct {
	Type     string       `json:"type"`
	Function toolFunction `json:"function"`
}

type toolFunction struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Parameters  json.RawMessage `json:"parameters,omitempty"`
}

type toolCall struct {
	Index    *int         `json:"index,omitempty"`
	ID       string       `json:"id"`
	Type     string       `json:"type"`
	Function functionCall `json:"function"`
}

type functionCall struct {
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

// stopField accepts a string or an array of strings.
type stopField []string

func (s *stopField) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = stopField{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("stop must be a string or an array of strings")
	}
	*s = many
	return nil
}

// options maps sampling fields to the engine's options. OpenAI's default
// temperature is 1.
func (s sampling) options() engine.Options {
	o := engine.Options{Temperature: 1, Stop: s.Stop}
	if s.Temperature != nil {
		o.Temperature = *s.Temperature
	}
	if s.TopP != nil {
		o.TopP = *s.TopP
	}
	if s.MaxCompletionTokens != nil {
		o.MaxTokens = *s.MaxCompletionTokens
	} else if s.MaxTokens != nil {
		o.MaxTokens = *s.MaxTokens
	}
	if s.Seed != nil {
		o.Seed = *s.Seed
	}
	if s.FrequencyPenalty != nil && *s.FrequencyPenalty > 0 {
		o.RepeatPenalty = 1 + *s.FrequencyPenalty/2
	}
	return o
}

// engineRequest turns a chat request into an engine request.
func (c *chatRequest) engineRequest() (engine.Request, error) {
	if c.Model == "" {
		return engine.Request{}, errors.New("model is required")
	}
	if len(c.Messages) == 0 {
		return engine.Request{}, errors.New("messages must not be empty")
	}
	if c.N != nil && *c.N != 1 {
		return engine.Request{}, errors.New("only n=1 is supported")
	}
	req := engine.Request{Model: c.Model, Options: c.options()}
	for i, m := range c.Messages {
		em, err := m.engineMessage()
		if err != nil {
			return engine.Request{}, fmt.Errorf("messages[%d]: %w", i, err)
		}
		req.Messages = append(req.Messages, em)
	}
	if string(c.ToolChoice) != `"none"` {
		for _, t := range c.Tools {
			req.Tools = append(req.Tools, engine.Tool{Name: t.Function.Name, Description: t.Function.Description, Parameters: t.Function.Parameters})
		}
	}
	return req, nil
}

func (m chatMessage) engineMessage() (engine.Message, error) {
	text, err := contentText(m.Content)
	if err != nil {
		return engine.Message{}, err
	}
	role := m.Role
	if role == "developer" {
		role = "system"
	}
	em := engine.Message{Role: role, Content: text, Name: m.Name, ToolCallID: m.ToolCallID}
	for _, c := range m.ToolCalls {
		args := json.RawMessage(c.Function.Arguments)
		if !json.Valid(args) {
			args, _ = json.Marshal(c.Function.Arguments)
		}
		em.ToolCalls = append(em.ToolCalls, engine.ToolCall{ID: c.ID, Name: c.Function.Name, Arguments: args})
	}
	return em, nil
}

// contentText reads a message's content: a string, null, or an array of
// parts of which only text parts are supported.
func contentText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", errors.New("content must be a string or an array of content parts")
	}
	var b strings.Builder
	for _, p := range parts {
		if p.Type != "text" {
			return "", fmt.Errorf("content parts of type %q are not supported, only text", p.Type)
		}
		b.WriteString(p.Text)
	}
	return b.String(), nil
}
