package app

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/tool"
	"golang.org/x/term"
)

// terminalTools offers the terminal chat the tools the window's chat has
// (the built-ins, the MCP servers, the enabled plugins) through the same
// loop (runToolRounds), asking about a call on the terminal: on the same
// input the chat reads its lines from. Without a terminal, a call that
// needs approval is refused.
type terminalTools struct {
	reg         *tool.Registry
	lines       *bufio.Scanner
	err         io.Writer
	interactive bool
	calls       int
}

// isTerminal says whether r is a terminal a person can answer on.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// turn offers the tools to req for one answer in conversation conv, or
// returns nil when there are none.
func (tt *terminalTools) turn(ctx context.Context, conv int64, req *engine.Request) *toolTurn {
	if tt == nil {
		return nil
	}
	byModel := offerTools(ctx, tt.reg, req)
	if byModel == nil {
		return nil
	}
	return &toolTurn{reg: tt.reg, conv: conv, byModel: byModel, nextID: tt.nextID, approve: tt.approve, emit: tt.emit}
}

func (tt *terminalTools) nextID() string {
	tt.calls++
	return "c" + strconv.Itoa(tt.calls)
}

// emit shows a call on stderr when it ends.
func (tt *terminalTools) emit(_ string, rec memory.ToolCall, done bool) {
	if !done {
		return
	}
	outcome := fmt.Sprintf("%d bytes", len(rec.Result))
	if rec.Error != "" {
		outcome = "failed: " + terminalText(rec.Error)
	}
	fmt.Fprintf(tt.err, "[tool %s %s: %s]\n", rec.Source, rec.Name, outcome)
}

// approve asks about a call on the terminal: the tool, its source, how far
// Hearth trusts it and the exact arguments. A tool that asks every time
// unless allowed always (RiskOpen) is not offered "for this conversation".
func (tt *terminalTools) approve(_ context.Context, _ string, req tool.Request) (tool.Decision, error) {
	t := req.Tool
	if !tt.interactive {
		return tool.Decision{}, fmt.Errorf("%s %s needs your approval, and there is no terminal to ask on: %w", t.Source, t.Name, tool.ErrDenied)
	}
	fmt.Fprintf(tt.err, "Allow %s from %s (%s)?\n  %s\n  arguments: %s\n", t.Name, t.Source, trustNote(t.Trust), firstLine(t.Description), terminalText(string(req.Args)))
	if t.Annotations != nil {
		a, _ := json.Marshal(t.Annotations)
		fmt.Fprintf(tt.err, "  the server says (not trusted): %s\n", a)
	}
	conversation := t.Risk != tool.RiskOpen
	if conversation {
		fmt.Fprint(tt.err, "[o]nce, for this [c]onversation, [a]lways, [N]o: ")
	} else {
		fmt.Fprint(tt.err, "[o]nce, [a]lways, [N]o: ")
	}
	if !tt.lines.Scan() {
		return tool.Decision{}, fmt.Errorf("no answer: %w", tool.ErrDenied)
	}
	switch strings.ToLower(strings.TrimSpace(tt.lines.Text())) {
	case "o", "once":
		return tool.Decision{Allow: true, Scope: tool.ScopeOnce, By: "user"}, nil
	case "c", "conversation":
		if conversation {
			return tool.Decision{Allow: true, Scope: tool.ScopeConversation, By: "user"}, nil
		}
	case "a", "always":
		return tool.Decision{Allow: true, Scope: tool.ScopeAlways, By: "user"}, nil
	}
	return tool.Decision{Allow: false, By: "user"}, nil
}
