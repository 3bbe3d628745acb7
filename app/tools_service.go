package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hearth-app/hearth/plugins/mcp"
	"github.com/hearth-app/hearth/plugins/tool"
)

// ToolsService is bound to the window's Plugins view: the tools answers may
// call, the MCP servers behind them (add, list, remove, accept a changed
// description, logs) and the audit log of tool calls. It shares the chat's
// MCP servers, so a server started by an answer is the one listed here.
type ToolsService struct {
	tools   *chatTools
	dialogs dialogs
}

// NewToolsService returns the tools service over the chat's tools; adding
// a server is confirmed through dlg.
func NewToolsService(chat *ChatService, dlg dialogs) *ToolsService {
	return &ToolsService{tools: chat.tools, dialogs: dlg}
}

// ToolInfo is one tool as the Plugins view lists it.
type ToolInfo struct {
	Source      string `json:"source"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Trust       string `json:"trust"`
	Risk        string `json:"risk"`
	Blocked     bool   `json:"blocked"`
	Always      bool   `json:"always"` // allowed always
}

// MCPServer is one MCP server the person added.
type MCPServer struct {
	Name string `json:"name"`
	// Target is the full command line or URL, nothing truncated.
	Target string `json:"target"`
	URL    bool   `json:"url"`
	Added  string `json:"added"`
	Tools  int    `json:"tools"`
	// Status is "ready", "changed" (tools wait to be accepted again) or
	// "failed".
	Status string `json:"status"`
	// Problem says why a failed server failed, in one sentence.
	Problem string       `json:"problem"`
	Changes []mcp.Change `json:"changes"`
}

// ToolCallEntry is one line of the audit log.
type ToolCallEntry struct {
	Time         string `json:"time"`
	Source       string `json:"source"`
	Tool         string `json:"tool"`
	Args         string `json:"args"`
	ResultSize   int    `json:"resultSize"`
	ApprovedBy   string `json:"approvedBy"`
	Conversation int64  `json:"conversation"`
	Error        string `json:"error"`
}

// mcpWarning is what adding a server tells the person.
const mcpWarning = "An MCP server is not sandboxed: it runs with your rights and can read, change or send anything you can."

// Tools lists every tool, built-ins first.
func (s *ToolsService) Tools() ([]ToolInfo, error) {
	ctx := context.Background()
	reg, err := s.tools.registry(ctx)
	if err != nil {
		return nil, err
	}
	all, _ := reg.List(ctx)
	out := make([]ToolInfo, len(all))
	for i, t := range all {
		ask, _ := reg.NeedsApproval(ctx, t, -1)
		out[i] = ToolInfo{Source: t.Source, Name: t.Name, Description: t.Description, Trust: string(t.Trust),
			Risk: string(t.Risk), Blocked: t.Blocked, Always: !ask && t.Trust != tool.TrustBuiltin}
	}
	return out, nil
}

// Servers lists the MCP servers with their status; listing starts a server
// that is not running, to see whether its tools changed.
func (s *ToolsService) Servers() ([]MCPServer, error) {
	ctx := context.Background()
	cs, err := s.tools.mcp.Servers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MCPServer, len(cs))
	for i, c := range cs {
		out[i] = MCPServer{Name: c.Name, Target: c.Target(), URL: c.URL != "", Added: c.Added.Format(time.RFC3339),
			Tools: len(c.Pins), Status: "ready", Changes: []mcp.Change{}}
		changes, err := s.tools.mcp.Changes(ctx, c.Name)
		switch {
		case err != nil:
			out[i].Status, out[i].Problem = "failed", toolSentence(err)
		case len(changes) > 0:
			out[i].Status, out[i].Changes = "changed", changes
		}
	}
	return out, nil
}

// AddServer adds an MCP server: a command line (program and arguments,
// quoted as in a shell) or a streamable HTTP URL. It starts the program or
// reaches the URL, so it runs only after the person confirms, in a native
// dialog, the full command or URL.
func (s *ToolsService) AddServer(name, command, url string) (MCPServer, error) {
	cfg := mcp.Config{Name: strings.TrimSpace(name), URL: strings.TrimSpace(url)}
	if strings.TrimSpace(command) != "" {
		args, err := splitCommand(command)
		if err != nil {
			return MCPServer{}, err
		}
		cfg.Command = args
	}
	if err := cfg.Validate(); err != nil {
		return MCPServer{}, err
	}
	what := "Run this program"
	if cfg.URL != "" {
		what = "Connect to this address"
	}
	msg := fmt.Sprintf("%s as the MCP server %q?\n\n%s\n\n%s", what, cfg.Name, cfg.Target(), mcpWarning)
	if err := confirm(s.dialogs, "Add an MCP server?", msg); err != nil {
		return MCPServer{}, err
	}
	ctx := context.Background()
	pins, err := s.tools.mcp.Add(ctx, cfg)
	if err != nil {
		return MCPServer{}, errors.New(toolSentence(err))
	}
	return MCPServer{Name: cfg.Name, Target: cfg.Target(), URL: cfg.URL != "", Added: time.Now().UTC().Format(time.RFC3339),
		Tools: len(pins), Status: "ready", Changes: []mcp.Change{}}, nil
}

// RemoveServer stops and forgets a server, its log and its grants.
func (s *ToolsService) RemoveServer(name string) error {
	return s.tools.mcp.Remove(context.Background(), name)
}

// AcceptChanges accepts a server's tools as they describe themselves now.
func (s *ToolsService) AcceptChanges(name string) error {
	_, err := s.tools.mcp.Trust(context.Background(), name)
	return err
}

// ServerLog returns what a server wrote to its standard error.
func (s *ToolsService) ServerLog(name string) (string, error) {
	b, err := s.tools.mcp.Log(context.Background(), name)
	return string(b), err
}

// Audit returns the tool calls, newest first, that mention query in their
// tool, source, arguments, approval or error (all of them for "").
func (s *ToolsService) Audit(query string) ([]ToolCallEntry, error) {
	ctx := context.Background()
	reg, err := s.tools.registry(ctx)
	if err != nil {
		return nil, err
	}
	log, err := reg.Audit(ctx)
	if err != nil {
		return nil, err
	}
	q := strings.ToLower(strings.TrimSpace(query))
	out := []ToolCallEntry{}
	for i := len(log) - 1; i >= 0; i-- {
		e := log[i]
		entry := ToolCallEntry{Time: e.Time.Format(time.RFC3339), Source: e.Source, Tool: e.Tool, Args: string(e.Args),
			ResultSize: e.ResultSize, ApprovedBy: e.ApprovedBy, Conversation: e.Conversation, Error: e.Error}
		hay := strings.ToLower(strings.Join([]string{entry.Source, entry.Tool, entry.Args, entry.ApprovedBy, entry.Error}, "\n"))
		if q == "" || strings.Contains(hay, q) {
			out = append(out, entry)
		}
	}
	return out, nil
}

// splitCommand splits a command line into words as a shell would for
// plain words and single or double quotes (no variables, no escapes but
// \" and \\ inside double quotes).
func splitCommand(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == '"' && r == '\\' && i+1 < len(rs) && (rs[i+1] == '"' || rs[i+1] == '\\'):
			i++
			cur.WriteRune(rs[i])
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, errors.New("the command has a quote that is not closed")
	}
	if inWord {
		words = append(words, cur.String())
	}
	if len(words) == 0 {
		return nil, errors.New("give the command that starts the server")
	}
	return words, nil
}
