package tool

import (
	"context"
	"encoding/json"
	"errors"
)

// Source names for the tools Hearth ships; an MCP server's tools have the
// source "mcp:NAME", a plugin's "plugin:ID".
const (
	SourceHearth    = "hearth"
	SourceMCPPrefix = "mcp:"
	SourcePlugin    = "plugin:"
)

// Trust says how far Hearth trusts the code behind a tool.
type Trust string

// Trust levels.
const (
	// TrustBuiltin is Hearth's own code.
	TrustBuiltin Trust = "builtin"
	// TrustUnsandboxed is an MCP server: a program or URL the user added,
	// which runs with the user's rights.
	TrustUnsandboxed Trust = "not-sandboxed"
	// TrustSandboxed is a WebAssembly plugin with explicit permissions.
	TrustSandboxed Trust = "sandboxed"
)

// Risk is what a tool may do, as Hearth judges it (never as a server claims).
type Risk string

// Risks, from least to most guarded.
const (
	// RiskRead only reads the user's data and changes nothing: runs
	// without asking when the tool is a built-in.
	RiskRead Risk = "read"
	// RiskWrite changes something: asks the first time, and the user may
	// allow it once, for the conversation, or always.
	RiskWrite Risk = "write"
	// RiskOpen may destroy something or reach the world outside: asks every
	// time unless the user allowed it always.
	RiskOpen Risk = "open"
)

// Annotations are the hints of the MCP tool shape. They are displayed only.
type Annotations struct {
	Title           string `json:"title,omitempty"`
	ReadOnlyHint    bool   `json:"readOnlyHint,omitempty"`
	DestructiveHint *bool  `json:"destructiveHint,omitempty"`
	IdempotentHint  bool   `json:"idempotentHint,omitempty"`
	OpenWorldHint   *bool  `json:"openWorldHint,omitempty"`
}

// Tool is one tool in the MCP tool shape, with where it comes from.
type Tool struct {
	// Source is "hearth", "mcp:NAME" or "plugin:ID".
	Source string `json:"source"`
	// Name is the tool's own name at its source (e.g. "get-sum").
	Name string `json:"name"`
	// ModelName is the sanitised, collision-free name offered to a model;
	// set by [Registry.List].
	ModelName    string          `json:"model_name,omitempty"`
	Title        string          `json:"title,omitempty"`
	Description  string          `json:"description"`
	InputSchema  json.RawMessage `json:"input_schema,omitempty"`
	OutputSchema json.RawMessage `json:"output_schema,omitempty"`
	Annotations  *Annotations    `json:"annotations,omitempty"`
	Trust        Trust           `json:"trust"`
	Risk         Risk            `json:"risk"`
	// Blocked is set when the tool changed since the user accepted it; it
	// cannot be called until the user accepts it again.
	Blocked bool `json:"blocked,omitempty"`
}

// Result is what a tool returned.
type Result struct {
	// Text is the tool's text content, joined; other content is described.
	Text string `json:"text"`
	// Structured is the tool's structuredContent, kept as JSON.
	Structured json.RawMessage `json:"structured,omitempty"`
	// IsError is set when the tool reports that it failed.
	IsError bool `json:"is_error,omitempty"`
	// Size is the size of the result in bytes, as received.
	Size int `json:"size"`
	// Truncated is set when Text was cut to the size limit.
	Truncated bool `json:"truncated,omitempty"`
}

// Provider is a source of tools.
type Provider interface {
	// Source is the source label of every tool the provider has.
	Source() string
	// Tools lists the provider's tools.
	Tools(ctx context.Context) ([]Tool, error)
	// Call runs the tool name with the JSON object args.
	Call(ctx context.Context, name string, args json.RawMessage) (Result, error)
}

// Errors callers test for.
var (
	// ErrNotFound is a tool or source that does not exist.
	ErrNotFound = errors.New("no such tool")
	// ErrBlocked is a tool whose description changed since it was accepted.
	ErrBlocked = errors.New("the tool changed since you accepted it")
	// ErrDenied is a call the user did not approve.
	ErrDenied = errors.New("the call was not approved")
)
