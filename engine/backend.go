// Package engine runs language models for Hearth. This root package holds the
// contract every backend meets (Backend, Request, Chunk) and the errors callers
// test for; the embedded pure-Go engine, the Ollama client and the client of
// OpenAI-compatible servers implement it in sibling packages, and app
// chooses between them.
package engine

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"time"
)

// Backend generates text and embeddings with some set of models.
type Backend interface {
	// Name identifies the backend ("embedded", "ollama", "openai").
	Name() string
	// List returns the models this backend can run now.
	List(ctx context.Context) ([]ModelInfo, error)
	// Generate streams the answer to req. The last chunk has Done set and
	// carries Stats. Cancelling ctx stops generation; the sequence then yields
	// ctx.Err().
	Generate(ctx context.Context, req Request) iter.Seq2[Chunk, error]
	// Embed returns one vector per input text.
	Embed(ctx context.Context, model string, input []string) ([][]float32, error)
}

// Message is one turn of a conversation.
type Message struct {
	Role       string     `json:"role"` // "system", "user", "assistant", "tool"
	Content    string     `json:"content"`
	ToolCalls  []ToolCall `json:"tool_calls,omitempty"`
	ToolCallID string     `json:"tool_call_id,omitempty"`
	Name       string     `json:"name,omitempty"`
}

// ToolCall is the model asking for a tool to be run.
type ToolCall struct {
	ID        string          `json:"id,omitempty"`
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments"`
}

// Tool is a function the model may call, described by a JSON schema.
type Tool struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Parameters  json.RawMessage `json:"parameters"`
}

// Options control sampling and length. The zero value means greedy decoding
// with the backend's default length limit.
type Options struct {
	Temperature   float64  `json:"temperature"`
	TopK          int      `json:"top_k,omitempty"`
	TopP          float64  `json:"top_p,omitempty"`
	MinP          float64  `json:"min_p,omitempty"`
	RepeatPenalty float64  `json:"repeat_penalty,omitempty"`
	RepeatLastN   int      `json:"repeat_last_n,omitempty"`
	Seed          int64    `json:"seed,omitempty"`
	MaxTokens     int      `json:"max_tokens,omitempty"`
	Stop          []string `json:"stop,omitempty"`
	Threads       int      `json:"threads,omitempty"`
}

// DefaultOptions returns the sampling settings Hearth uses when the person
// has chosen none: the command line's flag defaults, a new chat's settings
// and the chat loop all start from this one value.
func DefaultOptions() Options {
	return Options{Temperature: 0.8, TopK: 40, TopP: 0.95, MinP: 0.05, RepeatPenalty: 1.0, MaxTokens: 512}
}

// Request asks a backend for a completion: either a chat (Messages, rendered
// with the model's own template) or, with Raw set, a plain Prompt.
type Request struct {
	Model    string    `json:"model"`
	Messages []Message `json:"messages,omitempty"`
	Prompt   string    `json:"prompt,omitempty"`
	Raw      bool      `json:"raw,omitempty"`
	Tools    []Tool    `json:"tools,omitempty"`
	Options  Options   `json:"options"`
}

// Chunk is one piece of a streamed answer.
type Chunk struct {
	Text      string     `json:"text,omitempty"`
	ToolCalls []ToolCall `json:"tool_calls,omitempty"`
	Done      bool       `json:"done,omitempty"`
	Stats     *Stats     `json:"stats,omitempty"`
}

// Stats describes a finished generation.
type Stats struct {
	PromptTokens     int           `json:"prompt_tokens"`
	CachedTokens     int           `json:"cached_tokens"`
	GeneratedTokens  int           `json:"generated_tokens"`
	PromptDuration   time.Duration `json:"prompt_duration"`
	GenerateDuration time.Duration `json:"generate_duration"`
	StopReason       string        `json:"stop_reason"` // "eos", "stop", "length", "cancelled"
	// KVBytes is the memory of the KV cache for the tokens the sequence
	// holds at the end, and KVContextBytes for its whole context (0 where a
	// backend does not say).
	KVBytes        int64 `json:"kv_bytes,omitempty"`
	KVContextBytes int64 `json:"kv_context_bytes,omitempty"`
}

// ModelInfo describes a model a backend can run.
type ModelInfo struct {
	Name          string `json:"name"`
	Backend       string `json:"backend"`
	Path          string `json:"path,omitempty"`
	Architecture  string `json:"architecture,omitempty"`
	Quantization  string `json:"quantization,omitempty"`
	Size          int64  `json:"size"`
	ContextLength int    `json:"context_length,omitempty"`
	// Embedding is set for embedding models, which compute vectors and
	// cannot chat.
	Embedding bool `json:"embedding,omitempty"`
}

// Errors callers test for with errors.Is.
var (
	ErrModelNotFound = errors.New("model not found")
	ErrContextFull   = errors.New("prompt does not fit in the model's context window")
	ErrUnsupported   = errors.New("unsupported model")
	ErrBackendDown   = errors.New("backend not reachable")
	ErrOutOfMemory   = errors.New("not enough memory for this model")
)
