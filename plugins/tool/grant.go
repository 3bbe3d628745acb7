package tool

import (
	"context"
	"encoding/json"
	"fmt"
)

// Scope is how far an approval reaches.
type Scope string

// Scopes of an approval.
const (
	// ScopeOnce allows this one call.
	ScopeOnce Scope = "once"
	// ScopeConversation allows the tool for the rest of the conversation.
	ScopeConversation Scope = "conversation"
	// ScopeAlways allows the tool from now on, and is stored sealed.
	ScopeAlways Scope = "always"
)

// Request is what the user is asked to approve: the tool, its source and
// the exact arguments.
type Request struct {
	Tool         Tool            `json:"tool"`
	Args         json.RawMessage `json:"args"`
	Conversation int64           `json:"conversation,omitempty"`
}

// Decision is the user's answer to a Request.
type Decision struct {
	Allow bool  `json:"allow"`
	Scope Scope `json:"scope"`
	// By says who approved, for the audit log (e.g. "user", "cli --yes").
	By string `json:"by"`
}

// Approver asks the user about a call. It must never be answered by a model.
type Approver interface {
	Approve(ctx context.Context, req Request) (Decision, error)
}

// ApproverFunc is a function used as an Approver.
type ApproverFunc func(ctx context.Context, req Request) (Decision, error)

// Approve calls f.
func (f ApproverFunc) Approve(ctx context.Context, req Request) (Decision, error) {
	return f(ctx, req)
}

// Policy says whether a call of t needs the user's approval, given the
// grants already made. A built-in that only reads never asks; anything
// else asks unless granted, and a RiskOpen tool (every MCP tool, whatever
// its annotations say) accepts only an "always" grant, never a
// conversation's.
func Policy(t Tool, always, conversation bool) (ask bool) {
	switch {
	case t.Trust == TrustBuiltin && t.Risk == RiskRead:
		return false
	case always:
		return false
	case conversation && t.Risk != RiskOpen:
		return false
	}
	return true
}

// grantKey is the Store key of an "always" grant of t.
func grantKey(t Tool) string { return GrantKey(t.Source, t.Name) }

// convKey identifies a conversation grant in memory.
type convKey struct {
	conversation int64
	source, name string
}

// GrantKey is the Store key of the "always" grant of a tool; a source that
// goes away deletes its tools' grants with it.
func GrantKey(source, name string) string {
	return fmt.Sprintf("tools/grant/%s/%s", source, name)
}
