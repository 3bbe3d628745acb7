package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/toolcall"
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
	return tool.New(c.store, append(all, pps...)...), nil
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

// toolTurn is one answer's use of tools.
type toolTurn struct {
	s       *ChatService
	job     answerJob
	reg     *tool.Registry
	byModel map[string]tool.Tool
}

// answerWithTools generates the answer to req, offering the registry's
// tools: each round's tool calls are run (asking the person where the
// grants say so), their results go back to the model as tool messages,
// and the model continues, for at most maxToolRounds rounds. It returns
// the answer's text and the calls it made.
func (s *ChatService) answerWithTools(ctx context.Context, job answerJob, b engine.Backend, req engine.Request, w io.Writer) (string, []memory.ToolCall, engine.Stats, error) {
	turn := s.toolTurn(ctx, job, &req)
	var text strings.Builder
	var calls []memory.ToolCall
	for round := 0; ; round++ {
		t, asked, stats, err := streamRound(ctx, b, req, w)
		text.WriteString(t)
		if err != nil || len(asked) == 0 || stats.StopReason == "cancelled" || turn == nil {
			return text.String(), calls, stats, err
		}
		req.Messages = append(req.Messages, engine.Message{Role: "assistant", Content: t, ToolCalls: asked})
		for _, tc := range asked {
			rec := turn.run(ctx, tc, round >= maxToolRounds)
			calls = append(calls, rec)
			req.Messages = append(req.Messages, engine.Message{Role: "tool", ToolCallID: tc.ID, Name: tc.Name, Content: forModel(rec)})
		}
		if ctx.Err() != nil {
			stats.StopReason = "cancelled"
			return text.String(), calls, stats, nil
		}
		if round >= maxToolRounds {
			return text.String(), calls, stats, nil
		}
	}
}

// toolTurn offers the tools to req, or returns nil when this answer gets
// none (a base model continues text; a store or server that fails leaves
// the answer without the tools it could not list).
func (s *ChatService) toolTurn(ctx context.Context, job answerJob, req *engine.Request) *toolTurn {
	if req.Raw || s.tools == nil {
		return nil
	}
	reg, err := s.tools.registry(ctx)
	if err != nil {
		return nil
	}
	all, _ := reg.List(ctx)
	turn := &toolTurn{s: s, job: job, reg: reg, byModel: map[string]tool.Tool{}}
	for _, t := range all {
		// A blocked tool is not offered, but a model that calls it anyway
		// is refused through the registry, and the refusal audited.
		turn.byModel[t.ModelName] = t
		et := engine.Tool{Name: t.ModelName, Description: t.Description, Parameters: t.InputSchema}
		// A schema the engine cannot compile would fail the whole answer:
		// such a tool (a server's mistake) is left out.
		if _, err := toolcall.NewSchemas([]engine.Tool{et}); !t.Blocked && err == nil {
			req.Tools = append(req.Tools, et)
		}
	}
	if len(req.Tools) == 0 {
		return nil
	}
	return turn
}

// streamRound streams one round of generation, collecting the tool calls
// the model asks for.
func streamRound(ctx context.Context, b engine.Backend, req engine.Request, w io.Writer) (string, []engine.ToolCall, engine.Stats, error) {
	var text strings.Builder
	var calls []engine.ToolCall
	var stats engine.Stats
	for chunk, err := range b.Generate(ctx, req) {
		if err != nil {
			if errors.Is(err, context.Canceled) {
				stats.StopReason = "cancelled"
				return text.String(), nil, stats, nil
			}
			return text.String(), nil, stats, err
		}
		if chunk.Text != "" {
			text.WriteString(chunk.Text)
			io.WriteString(w, chunk.Text)
		}
		calls = append(calls, chunk.ToolCalls...)
		if chunk.Stats != nil {
			stats = *chunk.Stats
		}
	}
	return text.String(), calls, stats, nil
}

// run runs one call the model asked for and returns its record; the
// window sees its card start and end. A call past the round limit is
// recorded, not run.
func (t *toolTurn) run(ctx context.Context, tc engine.ToolCall, overLimit bool) memory.ToolCall {
	c := t.s.tools
	c.mu.Lock()
	c.calls++
	id := "c" + strconv.FormatInt(c.calls, 10)
	c.mu.Unlock()
	rec := memory.ToolCall{Name: tc.Name, Arguments: string(tc.Arguments)}
	tl, ok := t.byModel[tc.Name]
	if ok {
		rec.Name, rec.Source = tl.Name, tl.Source
	}
	t.emit(id, rec, false)
	var err error
	switch {
	case overLimit:
		err = errTooManyRounds
	case !ok:
		err = fmt.Errorf("there is no tool named %q", tc.Name)
	default:
		err = t.call(ctx, id, tl, tc, &rec)
	}
	if err != nil {
		rec.Error = toolSentence(err)
	}
	t.emit(id, rec, true)
	return rec
}

// call runs tl through the registry (grants, timeout, audit) and fills in
// rec's result and time.
func (t *toolTurn) call(ctx context.Context, id string, tl tool.Tool, tc engine.ToolCall, rec *memory.ToolCall) error {
	var started time.Time
	ask := tool.ApproverFunc(func(ctx context.Context, req tool.Request) (tool.Decision, error) {
		d, err := t.approve(ctx, id, req)
		started = time.Now()
		return d, err
	})
	started = time.Now()
	res, err := t.reg.Call(ctx, tool.Call{Source: tl.Source, Name: tl.Name, Args: tc.Arguments, Conversation: t.job.conv}, ask)
	rec.Millis = time.Since(started).Milliseconds()
	if err != nil {
		return err
	}
	rec.Result = bounded(res.Text, maxToolStored)
	if len(res.Structured) <= maxToolStored {
		rec.Structured = string(res.Structured)
	}
	if res.IsError {
		return fmt.Errorf("the tool reported an error: %s", bounded(res.Text, 300))
	}
	return nil
}

// approve asks the window about a call, unless the person already allowed
// the tool for this conversation, and waits for the answer (or for Stop).
func (t *toolTurn) approve(ctx context.Context, id string, req tool.Request) (tool.Decision, error) {
	c := t.s.tools
	g := convGrant{t.job.conv, req.Tool.Source, req.Tool.Name}
	c.mu.Lock()
	if c.conv[g] && req.Tool.Risk != tool.RiskOpen {
		c.mu.Unlock()
		return tool.Decision{Allow: true, Scope: tool.ScopeConversation, By: "user"}, nil
	}
	ch := make(chan tool.Scope, 1)
	c.asks[t.job.request+"/"+id] = ch
	c.mu.Unlock()
	t.s.events.Emit(EventChatToolAsk, t.question(id, req))
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
		delete(c.asks, t.job.request+"/"+id)
		c.mu.Unlock()
		return tool.Decision{}, ctx.Err()
	}
}

// question is the confirmation the window shows for req.
func (t *toolTurn) question(id string, req tool.Request) chatToolAsk {
	q := chatToolAsk{RequestID: t.job.request, ConversationID: t.job.conv, CallID: id,
		Source: req.Tool.Source, Tool: req.Tool.Name, Title: req.Tool.Title, Description: req.Tool.Description,
		Trust: string(req.Tool.Trust), Risk: string(req.Tool.Risk), Arguments: string(req.Args),
		AlwaysOnly: req.Tool.Risk == tool.RiskOpen}
	switch req.Tool.Trust {
	case tool.TrustUnsandboxed:
		q.TrustNote = "not sandboxed: runs with your rights"
	case tool.TrustBuiltin:
		q.TrustNote = "built into Hearth"
	case tool.TrustSandboxed:
		q.TrustNote = "sandboxed plugin"
	}
	return q
}

func (t *toolTurn) emit(id string, rec memory.ToolCall, done bool) {
	t.s.events.Emit(EventChatTool, chatToolEvent{RequestID: t.job.request, ConversationID: t.job.conv, CallID: id, Call: rec, Done: done})
}

// forModel is the tool message the model reads for rec: the result, or
// the reason there is none.
func forModel(rec memory.ToolCall) string {
	if rec.Error != "" {
		return "error: " + rec.Error
	}
	return bounded(rec.Result, maxToolForModel)
}

// bounded cuts s to at most max bytes, on a character boundary.
func bounded(s string, max int) string {
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") + " […cut]"
}

// toolSentence is a failed call's error in one bounded sentence.
func toolSentence(err error) string {
	switch {
	case errors.Is(err, tool.ErrDenied):
		return "you did not allow this call"
	case errors.Is(err, tool.ErrBlocked):
		return "the tool changed since you accepted it: accept the change in Plugins first"
	case errors.Is(err, context.Canceled):
		return "stopped"
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	return bounded(msg, 300)
}
