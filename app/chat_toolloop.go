package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/toolcall"
	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/tool"
)

// toolTurn is one answer's use of tools: the registry, the tools offered
// by the names the model knows them by, and how the person is asked about
// a call and shown it (the window's cards, or lines on the terminal).
type toolTurn struct {
	reg     *tool.Registry
	conv    int64
	byModel map[string]tool.Tool
	nextID  func() string
	approve func(ctx context.Context, id string, req tool.Request) (tool.Decision, error)
	emit    func(id string, rec memory.ToolCall, done bool)
}

// runToolRounds generates the answer to req, offering turn's tools (none
// when turn is nil): each round's tool calls are run through the registry
// (grants, argument checks, approval, audit), their results go back to the
// model as tool messages, and the model continues, for at most
// maxToolRounds rounds. It returns the answer's text and the calls it made.
func runToolRounds(ctx context.Context, b engine.Backend, req engine.Request, w io.Writer, turn *toolTurn) (string, []memory.ToolCall, engine.Stats, error) {
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

// offerTools adds the registry's tools to req and returns them by the
// name the model knows them by, or nil when there are none to offer.
func offerTools(ctx context.Context, reg *tool.Registry, req *engine.Request) map[string]tool.Tool {
	all, _ := reg.List(ctx)
	byModel := map[string]tool.Tool{}
	for _, t := range all {
		// A blocked tool is not offered, but a model that calls it anyway
		// is refused through the registry, and the refusal audited.
		byModel[t.ModelName] = t
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
	return byModel
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
// person sees it start and end. A call past the round limit is recorded,
// not run.
func (t *toolTurn) run(ctx context.Context, tc engine.ToolCall, overLimit bool) memory.ToolCall {
	id := t.nextID()
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

// call runs tl through the registry (grants, argument checks, timeout,
// audit) and fills in rec's result and time.
func (t *toolTurn) call(ctx context.Context, id string, tl tool.Tool, tc engine.ToolCall, rec *memory.ToolCall) error {
	var started time.Time
	ask := tool.ApproverFunc(func(ctx context.Context, req tool.Request) (tool.Decision, error) {
		d, err := t.approve(ctx, id, req)
		started = time.Now()
		return d, err
	})
	started = time.Now()
	res, err := t.reg.Call(ctx, tool.Call{Source: tl.Source, Name: tl.Name, Args: tc.Arguments, Conversation: t.conv}, ask)
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

// trustNote says in words how far Hearth trusts a tool's code.
func trustNote(tr tool.Trust) string {
	switch tr {
	case tool.TrustUnsandboxed:
		return "not sandboxed: runs with your rights"
	case tool.TrustBuiltin:
		return "built into Hearth"
	case tool.TrustSandboxed:
		return "sandboxed plugin"
	}
	return string(tr)
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
