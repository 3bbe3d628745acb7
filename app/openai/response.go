package openai

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/hearth-app/hearth/engine"
)

type usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

func usageOf(st *engine.Stats) *usage {
	if st == nil {
		return &usage{}
	}
	return &usage{PromptTokens: st.PromptTokens, CompletionTokens: st.GeneratedTokens, TotalTokens: st.PromptTokens + st.GeneratedTokens}
}

// finishReason maps the engine's stop reason to OpenAI's finish_reason.
func finishReason(st *engine.Stats, calledTools bool) string {
	switch {
	case calledTools:
		return "tool_calls"
	case st != nil && st.StopReason == "length":
		return "length"
	}
	return "stop"
}

type assistantMessage struct {
	Role      string     `json:"role"`
	Content   *string    `json:"content"`
	ToolCalls []toolCall `json:"tool_calls,omitempty"`
}

type chatChoice struct {
	Index        int              `json:"index"`
	Message      assistantMessage `json:"message"`
	FinishReason string           `json:"finish_reason"`
	Logprobs     *struct{}        `json:"logprobs"`
}

type chatCompletion struct {
	ID      string       `json:"id"`
	Object  string       `json:"object"`
	Created int64        `json:"created"`
	Model   string       `json:"model"`
	Choices []chatChoice `json:"choices"`
	Usage   *usage       `json:"usage"`
}

type chunkDelta struct {
	Role      string     `json:"role,omitempty"`
	Content   *string    `json:"content,omitempty"`
	ToolCalls []toolCall `json:"tool_calls,omitempty"`
}

type chunkChoice struct {
	Index        int        `json:"index"`
	Delta        chunkDelta `json:"delta"`
	FinishReason *string    `json:"finish_reason"`
	Logprobs     *struct{}  `json:"logprobs"`
}

type chatChunk struct {
	ID      string        `json:"id"`
	Object  string        `json:"object"`
	Created int64         `json:"created"`
	Model   string        `json:"model"`
	Choices []chunkChoice `json:"choices"`
	Usage   *usage        `json:"usage,omitempty"`
}

// apiToolCalls maps the engine's tool calls, numbering them from first and
// giving an id to those that have none.
func apiToolCalls(calls []engine.ToolCall, first int) []toolCall {
	out := make([]toolCall, 0, len(calls))
	for i, c := range calls {
		id := c.ID
		if id == "" {
			id = newID("call_")
		}
		idx := first + i
		args := string(c.Arguments)
		if args == "" {
			args = "{}"
		}
		out = append(out, toolCall{Index: &idx, ID: id, Type: "function", Function: functionCall{Name: c.Name, Arguments: args}})
	}
	return out
}

// newID returns prefix followed by 24 random hex digits.
func newID(prefix string) string {
	b := make([]byte, 12)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func now() int64 { return time.Now().Unix() }
