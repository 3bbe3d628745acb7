package app

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hearth-app/hearth/plugins/tool"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func newToolsCommand(stdio IO) *cobra.Command {
	c := &cobra.Command{
		Use:   "tools",
		Short: "List the tools a chat can use, and call one",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	c.AddCommand(newToolsListCommand(stdio), newToolsCallCommand(stdio), newToolsAuditCommand(stdio))
	return c
}

func newToolsListCommand(stdio IO) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List every tool, with its source and trust",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return withTools(c.Context(), stdio, func(ts *toolSet) error {
				tools, err := ts.List(c.Context())
				if err != nil {
					fmt.Fprintf(stdio.Err, "hearth: warning: %s\n", oneLine(err))
				}
				if tools == nil {
					tools = []tool.Tool{}
				}
				if asJSON {
					return json.NewEncoder(c.OutOrStdout()).Encode(tools)
				}
				printTools(c.OutOrStdout(), tools)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

// printTools lists tools for a person, grouped by source.
func printTools(w io.Writer, tools []tool.Tool) {
	source := ""
	for _, t := range tools {
		if t.Source != source {
			source = t.Source
			fmt.Fprintf(w, "%s (%s)\n", source, t.Trust)
		}
		mark := ""
		if t.Blocked {
			mark = "  [BLOCKED: changed since you accepted it; see hearth mcp trust]"
		}
		fmt.Fprintf(w, "  %-32s %s%s\n", t.Name, firstLine(t.Description), mark)
	}
}

// firstLine is the first line of s, at most 100 characters.
func firstLine(s string) string {
	s, _, _ = strings.Cut(terminalText(s), "\n")
	if r := []rune(s); len(r) > 100 {
		s = string(r[:99]) + "…"
	}
	return s
}

func newToolsCallCommand(stdio IO) *cobra.Command {
	var yes, asJSON bool
	c := &cobra.Command{
		Use:   "call SOURCE TOOL JSON",
		Short: "Call a tool (SOURCE is hearth or mcp:NAME) and print its result",
		Args:  exactArgs(3),
		RunE: func(c *cobra.Command, args []string) error {
			source := args[0]
			if source != tool.SourceHearth && !strings.Contains(source, ":") {
				source = tool.SourceMCPPrefix + source
			}
			call := tool.Call{Source: source, Name: args[1], Args: json.RawMessage(args[2])}
			return withTools(c.Context(), stdio, func(ts *toolSet) error {
				res, err := ts.Call(c.Context(), call, cliApprover(stdio, yes))
				if err != nil {
					return err
				}
				return printResult(c.OutOrStdout(), res, asJSON)
			})
		},
	}
	c.Flags().BoolVar(&yes, "yes", false, "approve the call without asking (never gets past a changed description)")
	c.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return c
}

// errToolFailed is a call that ran and whose tool reported an error.
var errToolFailed = errors.New("the tool reported an error")

// printResult prints a result: its text, then its structured content.
func printResult(w io.Writer, res tool.Result, asJSON bool) error {
	if asJSON {
		if err := json.NewEncoder(w).Encode(res); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(w, terminalText(res.Text))
		if len(res.Structured) > 0 && string(res.Structured) != res.Text {
			var v any
			if json.Unmarshal(res.Structured, &v) == nil {
				b, _ := json.MarshalIndent(v, "", "  ")
				fmt.Fprintf(w, "structuredContent:\n%s\n", b)
			}
		}
	}
	if res.IsError {
		return errToolFailed
	}
	return nil
}

// cliApprover approves with --yes, asks on a terminal, and otherwise
// refuses with the way out in the message.
func cliApprover(stdio IO, yes bool) tool.Approver {
	return tool.ApproverFunc(func(ctx context.Context, req tool.Request) (tool.Decision, error) {
		if yes {
			return tool.Decision{Allow: true, Scope: tool.ScopeOnce, By: "cli --yes"}, nil
		}
		f, ok := stdio.In.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return tool.Decision{}, fmt.Errorf("%s %s needs your approval: run it in a terminal or add --yes: %w",
				req.Tool.Source, req.Tool.Name, tool.ErrDenied)
		}
		return askOnTerminal(stdio, f, req)
	})
}

// askOnTerminal shows the tool, its source and the exact arguments and
// reads once / always / no.
func askOnTerminal(stdio IO, f *os.File, req tool.Request) (tool.Decision, error) {
	t := req.Tool
	fmt.Fprintf(stdio.Err, "Allow %s from %s (%s)?\n  %s\n  arguments: %s\n",
		t.Name, t.Source, t.Trust, firstLine(t.Description), terminalText(string(req.Args)))
	if t.Annotations != nil {
		a, _ := json.Marshal(t.Annotations)
		fmt.Fprintf(stdio.Err, "  the server says (not trusted): %s\n", a)
	}
	fmt.Fprint(stdio.Err, "[o]nce, [a]lways, [N]o: ")
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && line == "" {
		return tool.Decision{}, fmt.Errorf("no answer: %w", tool.ErrDenied)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "o", "once":
		return tool.Decision{Allow: true, Scope: tool.ScopeOnce, By: "user"}, nil
	case "a", "always":
		return tool.Decision{Allow: true, Scope: tool.ScopeAlways, By: "user"}, nil
	}
	return tool.Decision{Allow: false}, nil
}

func newToolsAuditCommand(stdio IO) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "audit",
		Short: "Show the log of tool calls: tool, arguments, result size, who approved",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return withTools(c.Context(), stdio, func(ts *toolSet) error {
				log, err := ts.Audit(c.Context())
				if err != nil {
					return err
				}
				if asJSON {
					if log == nil {
						log = []tool.AuditEntry{}
					}
					return json.NewEncoder(c.OutOrStdout()).Encode(log)
				}
				for _, e := range log {
					fmt.Fprintln(c.OutOrStdout(), auditLine(e))
				}
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

// auditLine is one call of the audit log for a person: when, which tool
// with which arguments, and how it ended (refused and why, failed, or
// the size of its result and who approved it). The arguments and errors
// come from a model or a tool, so they are escaped for the terminal.
func auditLine(e tool.AuditEntry) string {
	head := fmt.Sprintf("%s  %s %s %s", e.Time.Local().Format("2006-01-02 15:04:05"),
		terminalText(e.Source), terminalText(e.Tool), terminalText(string(e.Args)))
	switch {
	case e.Refused:
		return fmt.Sprintf("%s  -> refused: %s", head, terminalText(e.Error))
	case e.Error != "":
		return fmt.Sprintf("%s  -> failed after approval by %s: %s", head, e.ApprovedBy, terminalText(e.Error))
	}
	return fmt.Sprintf("%s  -> %d bytes, approved by %s", head, e.ResultSize, e.ApprovedBy)
}
