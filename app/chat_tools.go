package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/hearth-app/hearth/plugins/mcp"
	"github.com/hearth-app/hearth/plugins/tool"
)

// Chat tool events sent to the window while an answer calls tools.
const (
	EventChatTool    = "chat:tool"     // a tool call started or ended: chatToolEvent
	EventChatToolAsk = "chat:tool-ask" // a tool call waits for the person: chatToolAsk
)

// maxToolRounds bounds the rounds of tool calls in one answer: a model that
// keeps calling tools is stopped after this many.
const maxToolRounds = 4

// Bounds on a tool's result: what the model is given back, and what is
// stored with the answer.
const (
	maxToolForModel = 16 << 10
	maxToolStored   = 64 << 10
)

// errTooManyRounds is the error of a call past maxToolRounds.
var errTooManyRounds = fmt.Errorf("not run: the answer already called tools %d times in a row", maxToolRounds)

// chatToolEvent is a tool call of an answer as its card shows it: when it
// starts (Done false, no result yet) and when it ends.
type chatToolEvent struct {
	RequestID      string          `json:"requestId"`
	ConversationID int64           `json:"conversationId"`
	CallID         string          `json:"callId"`
	Call           memory.ToolCall `json:"call"`
	Done           bool            `json:"done"`
}

// chatToolAsk asks the person to allow a tool call: the tool, its source,
// how far Hearth trusts it and the exact arguments. The window answers
// with ChatService.AnswerTool.
type chatToolAsk struct {
	RequestID      string `json:"requestId"`
	ConversationID int64  `json:"conversationId"`
	CallID         string `json:"callId"`
	Source         string `json:"source"`
	Tool           string `json:"tool"`
	Title          string `json:"title"`
	Description    string `json:"description"`
	Trust          string `json:"trust"`
	TrustNote      string `json:"trustNote"`
	Risk           string `json:"risk"`
	Arguments      string `json:"arguments"`
	// AlwaysOnly is set for a tool that asks every time unless allowed
	// always: "for this conversation" does not apply to it.
	AlwaysOnly bool `json:"alwaysOnly"`
}

// chatTools is what the chat loop needs for tools: the MCP servers (kept
// running between answers, stopped when idle), the plugins (loaded when
// first called), the grants made for a conversation and the questions
// waiting for the person.
type chatTools struct {
	vault   *Vault
	store   tool.Store
	mcp     *mcp.Manager
	plugins *manager.Manager

	// schemas keeps the compiled input schemas across the registries of
	// one answer after another.
	schemas *tool.Schemas

	mu    sync.Mutex
	conv  map[convGrant]bool
	asks  map[string]chan tool.Scope
	calls int64
}

// convGrant is a tool allowed for the rest of a conversation.
type convGrant struct {
	conv         int64
	source, name string
}

// scopeDeny is AnswerTool's scope that refuses the call.
const scopeDeny tool.Scope = "deny"

func newChatTools(v *Vault, services func(id string) manager.AppServices) *chatTools {
	st := vaultToolStore{v}
	return &chatTools{
		vault:   v,
		store:   st,
		mcp:     mcp.NewManager(st, mcp.Options{}),
		plugins: newPluginManager(st, services),
		schemas: tool.NewSchemas(),
		conv:    map[convGrant]bool{},
		asks:    map[string]chan tool.Scope{},
	}
}

// registry returns the tool registry for one answer: the built-ins, the
// MCP servers added so far and the enabled plugins.
func (c *chatTools) registry(ctx context.Context) (*tool.Registry, error) {
	ps, err := c.mcp.Providers(ctx)
	if err != nil {
		return nil, err
	}
	pps, err := c.plugins.Providers(ctx)
	if err != nil {
		return nil, err
	}
	all := append([]tool.Provider{builtinTools{use: c.vault.Use, now: time.Now}}, ps...)
	reg := tool.New(c.store, append(all, pps...)...)
	reg.UseSchemas(c.schemas)
	return reg, nil
}

// Close stops the MCP servers and the plugins.
func (c *chatTools) Close(ctx context.Context) error {
	return errors.Join(c.mcp.Close(ctx), c.plugins.Close(ctx))
}

// AnswerTool answers the question about call callID of request requestID:
// scope is "once", "conversation", "always" or "deny". Answering a question
// nobody waits for any more (the answer was stopped) does nothing.
func (s *ChatService) AnswerTool(requestID, callID, scope string) error {
	sc := tool.Scope(scope)
	switch sc {
	case tool.ScopeOnce, tool.ScopeConversation, tool.ScopeAlways, scopeDeny:
	default:
		return fmt.Errorf("%q is not an answer: once, conversation, always or deny", scope)
	}
	c := s.tools
	c.mu.Lock()
	ch := c.asks[requestID+"/"+callID]
	delete(c.asks, requestID+"/"+callID)
	c.mu.Unlock()
	if ch != nil {
		ch <- sc
	}
	return nil
}

// answerWithTools generates the answer to req with the registry's tools
// (runToolRounds), asking the person in the window where the grants say so.
func (s *ChatService) answerWithTools(ctx context.Context, job answerJob, b engine.Backend, req engine.Request, w io.Writer) (string, []memory.ToolCall, engine.Stats, error) {
	turn := s.toolTurn(ctx, job, &req)
	return runToolRounds(ctx, b, req, w, turn)
}

// toolTurn offers the tools to req, or returns nil when this answer gets
// none (a base model continues text; a store or server that fails leaves
// the answer without the tools it could not list). The window sees each
// call's card start and end, and is asked about calls that need it.
func (s *ChatService) toolTurn(ctx context.Context, job answerJob, req *engine.Request) *toolTurn {
	if req.Raw || s.tools == nil {
		return nil
	}
	reg, err := s.tools.registry(ctx)
	if err != nil {
		return nil
	}
	byModel := offerTools(ctx, reg, req)
	if byModel == nil {
		return nil
	}
	asker := windowAsker{s: s, job: job}
	return &toolTurn{reg: reg, conv: job.conv, byModel: byModel,
		nextID: s.tools.nextCallID, approve: asker.approve, emit: asker.emit}
}

// nextCallID numbers the calls the window shows.
func (c *chatTools) nextCallID() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	return "c" + strconv.FormatInt(c.calls, 10)
}

// windowAsker shows one answer's tool calls in the window and asks the
// person about them.
type windowAsker struct {
	s   *ChatService
	job answerJob
}

// approve asks the window about a call, unless the person already allowed
// the tool for this conversation, and waits for the answer (or for Stop).
func (a windowAsker) approve(ctx context.Context, id string, req tool.Request) (tool.Decision, error) {
	c := a.s.tools
	g := convGrant{a.job.conv, req.Tool.Source, req.Tool.Name}
	c.mu.Lock()
	if c.conv[g] && req.Tool.Risk != tool.RiskOpen {
		c.mu.Unlock()
		return tool.Decision{Allow: true, Scope: tool.ScopeConversation, By: "user"}, nil
	}
	ch := make(chan tool.Scope, 1)
	c.asks[a.job.request+"/"+id] = ch
	c.mu.Unlock()
	a.s.events.Emit(EventChatToolAsk, a.question(id, req))
	select {
	case sc := <-ch:
		if sc == scopeDeny {
			return tool.Decision{Allow: false, By: "user"}, nil
		}
		if sc == tool.ScopeConversation {
			c.mu.Lock()
			c.conv[g] = true
			c.mu.Unlock()
		}
		return tool.Decision{Allow: true, Scope: sc, By: "user"}, nil
	case <-ctx.Done():
		c.mu.Lock()
		delete(c.asks, a.job.request+"/"+id)
		c.mu.Unlock()
		return tool.Decision{}, ctx.Err()
	}
}

// question is the confirmation the window shows for req.
func (a windowAsker) question(id string, req tool.Request) chatToolAsk {
	return chatToolAsk{RequestID: a.job.request, ConversationID: a.job.conv, CallID: id,
		Source: req.Tool.Source, Tool: req.Tool.Name, Title: req.Tool.Title, Description: req.Tool.Description,
		Trust: string(req.Tool.Trust), TrustNote: trustNote(req.Tool.Trust), Risk: string(req.Tool.Risk), Arguments: string(req.Args),
		AlwaysOnly: req.Tool.Risk == tool.RiskOpen}
}

func (a windowAsker) emit(id string, rec memory.ToolCall, done bool) {
	a.s.events.Emit(EventChatTool, chatToolEvent{RequestID: a.job.request, ConversationID: a.job.conv, CallID: id, Call: rec, Done: done})
}
