package app

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/hearth-app/hearth/plugins/mcp"
	"github.com/spf13/cobra"
)

// notSandboxed is the label of every MCP server.
const notSandboxed = "not sandboxed: runs with your rights"

func newMCPCommand(stdio IO) *cobra.Command {
	c := &cobra.Command{
		Use:   "mcp",
		Short: "Add, list, trust and remove MCP servers (not sandboxed)",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	c.AddCommand(newMCPAddCommand(stdio), newMCPListCommand(stdio), newMCPRmCommand(stdio),
		newMCPTrustCommand(stdio), newMCPDiffCommand(stdio), newMCPLogCommand(stdio))
	return c
}

func newMCPAddCommand(stdio IO) *cobra.Command {
	var url string
	c := &cobra.Command{
		Use:   "add NAME (--url URL | -- COMMAND [ARGS...])",
		Short: "Add an MCP server, started by a command or reached at a URL, and accept its tools",
		Args:  minArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			cfg := mcp.Config{Name: args[0], URL: url}
			if dash := c.ArgsLenAtDash(); dash >= 0 {
				if dash != 1 {
					return usagef("mcp add: give NAME, then -- COMMAND [ARGS...]")
				}
				cfg.Command = args[1:]
			} else if len(args) > 1 {
				return usagef("mcp add: put the command after --, as in: hearth mcp add NAME -- COMMAND [ARGS...]")
			}
			if err := cfg.Validate(); err != nil {
				return usagef("mcp add: %v", err)
			}
			w := c.OutOrStdout()
			fmt.Fprintf(w, "MCP server %s (%s)\n", cfg.Name, notSandboxed)
			if cfg.URL != "" {
				fmt.Fprintf(w, "  url: %s\n", cfg.Target())
			} else {
				fmt.Fprintf(w, "  command: %s\n", cfg.Target())
			}
			return withTools(c.Context(), stdio, func(ts *toolSet) error {
				pins, err := ts.mcp.Add(c.Context(), cfg)
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "Added, with %d tools accepted as they are now:\n", len(pins))
				for _, p := range pins {
					fmt.Fprintf(w, "  %-32s %s\n", terminalText(p.Name), firstLine(p.Description))
				}
				return nil
			})
		},
	}
	c.Flags().StringVar(&url, "url", "", "the server's streamable HTTP endpoint")
	return c
}

// serverView is one server in `mcp list --json`.
type serverView struct {
	Name      string    `json:"name"`
	Command   []string  `json:"command,omitempty"`
	URL       string    `json:"url,omitempty"`
	Sandboxed bool      `json:"sandboxed"`
	Tools     int       `json:"tools"`
	Added     time.Time `json:"added"`
}

func newMCPListCommand(stdio IO) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List the MCP servers you added",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return withTools(c.Context(), stdio, func(ts *toolSet) error {
				cs, err := ts.mcp.Servers(c.Context())
				if err != nil {
					return err
				}
				views := make([]serverView, len(cs))
				for i, s := range cs {
					views[i] = serverView{Name: s.Name, Command: s.Command, URL: s.URL, Tools: len(s.Pins), Added: s.Added}
				}
				if asJSON {
					return json.NewEncoder(c.OutOrStdout()).Encode(views)
				}
				printServers(c.OutOrStdout(), cs)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

func printServers(w io.Writer, cs []mcp.Config) {
	if len(cs) == 0 {
		fmt.Fprintln(w, "No MCP servers. Add one with: hearth mcp add NAME -- COMMAND [ARGS...]")
		return
	}
	for _, s := range cs {
		fmt.Fprintf(w, "%s  (%d tools, %s)\n  %s\n", s.Name, len(s.Pins), notSandboxed, s.Target())
	}
}

func newMCPRmCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "rm NAME",
		Short: "Remove an MCP server, its log and its grants",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return withTools(c.Context(), stdio, func(ts *toolSet) error {
				if err := ts.mcp.Remove(c.Context(), args[0]); err != nil {
					return err
				}
				fmt.Fprintf(c.OutOrStdout(), "Removed MCP server %s.\n", args[0])
				return nil
			})
		},
	}
}

func newMCPTrustCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "trust NAME",
		Short: "Accept an MCP server's tools as they are now (after a change)",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return withTools(c.Context(), stdio, func(ts *toolSet) error {
				changes, err := ts.mcp.Trust(c.Context(), args[0])
				if err != nil {
					return err
				}
				w := c.OutOrStdout()
				if len(changes) == 0 {
					fmt.Fprintf(w, "Nothing changed in %s's tools.\n", args[0])
					return nil
				}
				printChanges(w, changes)
				fmt.Fprintf(w, "Accepted %d changed tools of %s.\n", len(changes), args[0])
				return nil
			})
		},
	}
}

func newMCPDiffCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "diff NAME",
		Short: "Show how an MCP server's tools changed since you accepted them",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return withTools(c.Context(), stdio, func(ts *toolSet) error {
				changes, err := ts.mcp.Changes(c.Context(), args[0])
				if err != nil {
					return err
				}
				if len(changes) == 0 {
					fmt.Fprintf(c.OutOrStdout(), "Nothing changed in %s's tools.\n", args[0])
				}
				printChanges(c.OutOrStdout(), changes)
				return nil
			})
		},
	}
}

func printChanges(w io.Writer, changes []mcp.Change) {
	for _, ch := range changes {
		fmt.Fprintf(w, "%s (%s):\n%s", ch.Tool, ch.Kind, ch.Diff)
	}
}

func newMCPLogCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "log NAME",
		Short: "Show what an MCP server wrote on its standard error (the last 64 KiB)",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return withTools(c.Context(), stdio, func(ts *toolSet) error {
				b, err := ts.mcp.Log(c.Context(), args[0])
				if err != nil {
					return err
				}
				if len(b) > 0 && b[len(b)-1] != '\n' {
					b = append(b, '\n')
				}
				_, err = c.OutOrStdout().Write(b)
				return err
			})
		},
	}
}
