package tool

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Call is one call of a tool.
type Call struct {
	Source       string
	Name         string
	Args         json.RawMessage
	Conversation int64
}

// Call runs a tool: it refuses a blocked tool and arguments that do not
// fit the tool's input schema (before anyone is asked), asks approve when
// the policy says so, runs the call with the registry's timeout and
// records it in the audit log, refusals included. approve may be nil, in
// which case a call that needs approval is refused with ErrDenied.
func (r *Registry) Call(ctx context.Context, c Call, approve Approver) (Result, error) {
	t, p, err := r.Find(ctx, c.Source, c.Name)
	if err != nil {
		return Result{}, err
	}
	args := c.Args
	if len(args) == 0 {
		args = json.RawMessage("{}")
	}
	e := AuditEntry{Time: r.now().UTC(), Source: t.Source, Tool: t.Name, Args: auditArgs(args), Conversation: c.Conversation}
	res, err := r.run(ctx, t, p, args, c.Conversation, approve, &e)
	e.ResultSize = res.Size
	if err != nil {
		e.Error = err.Error()
		e.Refused = e.ApprovedBy == ""
	}
	if aerr := appendAudit(context.WithoutCancel(ctx), r.store, e); aerr != nil {
		return res, errors.Join(err, aerr)
	}
	return res, err
}

// run checks, approves and runs one call, noting who approved in e.
func (r *Registry) run(ctx context.Context, t Tool, p Provider, args json.RawMessage, conv int64, approve Approver, e *AuditEntry) (Result, error) {
	if t.Blocked {
		return Result{}, fmt.Errorf("%s %s: %w; accept the change first (hearth mcp trust)", t.Source, t.Name, ErrBlocked)
	}
	if err := r.schemas.Check(t, args); err != nil {
		return Result{}, err
	}
	by, err := r.approve(ctx, t, args, conv, approve)
	if err != nil {
		return Result{}, err
	}
	e.ApprovedBy = by
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	res, err := p.Call(ctx, t.Name, args)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && err != nil {
		err = fmt.Errorf("%s %s: no answer within %s: %w", t.Source, t.Name, r.timeout, context.DeadlineExceeded)
	}
	return res, err
}

// approve returns who approved the call of t, asking when needed.
func (r *Registry) approve(ctx context.Context, t Tool, args json.RawMessage, conv int64, approve Approver) (string, error) {
	ask, err := r.NeedsApproval(ctx, t, conv)
	if err != nil {
		return "", err
	}
	if !ask {
		if t.Trust == TrustBuiltin && t.Risk == RiskRead {
			return "policy: read-only built-in", nil
		}
		return "grant", nil
	}
	if approve == nil {
		return "", fmt.Errorf("%s %s needs your approval: %w", t.Source, t.Name, ErrDenied)
	}
	d, err := approve.Approve(ctx, Request{Tool: t, Args: args, Conversation: conv})
	if err != nil {
		return "", err
	}
	if !d.Allow {
		return "", fmt.Errorf("%s %s: %w", t.Source, t.Name, ErrDenied)
	}
	if err := r.Grant(ctx, t, d.Scope, conv); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s (%s)", d.By, d.Scope), nil
}

// auditArgs is args as the audit log keeps them: as they are when they
// are JSON, else as a JSON string.
func auditArgs(args json.RawMessage) json.RawMessage {
	if json.Valid(args) {
		return args
	}
	s, _ := json.Marshal(string(args))
	return s
}
