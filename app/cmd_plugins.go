package app

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/hearth-app/hearth/plugins/manifest"
	"github.com/spf13/cobra"
)

func newPluginsCommand(stdio IO) *cobra.Command {
	c := &cobra.Command{
		Use:   "plugins",
		Short: "Install and manage sandboxed plugins",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	c.AddCommand(newPluginsInstallCommand(stdio), newPluginsListCommand(stdio),
		newPluginsEnableCommand(stdio, true), newPluginsEnableCommand(stdio, false),
		newPluginsRmCommand(stdio), newPluginsCallCommand(stdio), newPluginsPackCommand(stdio),
		newPluginsRegistryCommand(stdio), newPluginsRefreshCommand(stdio), newPluginsAuditCommand(stdio),
		newPluginsDevModeCommand(stdio))
	return c
}

// withPlugins opens the store and the plugin manager, runs fn and closes
// both.
func withPlugins(c *cobra.Command, stdio IO, fn func(*manager.Manager) error) error {
	ctx := c.Context()
	return withStore(ctx, stdio, func(st *memory.Store) error {
		m := newPluginManager(toolStore{st}, cliServices(st, stdio.Err))
		err := fn(m)
		if cerr := m.Close(ctx); err == nil {
			err = cerr
		}
		return err
	})
}

func newPluginsInstallCommand(stdio IO) *cobra.Command {
	var yes bool
	c := &cobra.Command{
		Use:   "install FILE|URL|ID",
		Short: "Install or update a plugin from a zip file, an https URL or the registry, after showing what it asks for",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			src := args[0]
			a := installApprover(stdio, c.OutOrStdout(), yes)
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				p, err := installFrom(c, m, src, a)
				if err != nil {
					return err
				}
				fmt.Fprintf(c.OutOrStdout(), "Installed %s %s (%s).\n", p.ID, p.Version, p.Label)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&yes, "yes", false, "accept the author's key and the capabilities the plugin asks for")
	return c
}

// installFrom installs src: a URL, a zip file, or else a registry ID.
func installFrom(c *cobra.Command, m *manager.Manager, src string, a manager.Approver) (manager.Plugin, error) {
	ctx := c.Context()
	if strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
		return m.InstallURL(ctx, src, a)
	}
	zip, err := readCapped(src, manager.DefaultMaxZip)
	if err == nil {
		return m.Install(ctx, zip, a)
	}
	if !strings.HasSuffix(src, ".zip") && manifest.ValidID(src) {
		if r, err := m.Registry(ctx); err == nil && r.URL == "" {
			return manager.Plugin{}, fmt.Errorf("%s is not a file, and no registry is set to look it up in (hearth plugins registry set URL --key PUBKEY)", src)
		}
		return m.InstallID(ctx, src, a)
	}
	return manager.Plugin{}, fmt.Errorf("%s is not a plugin zip Hearth can read, an https URL or a plugin ID", src)
}

func newPluginsListCommand(stdio IO) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List the installed plugins, with what they may do",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				ps, err := m.List(c.Context())
				if err != nil {
					return err
				}
				if asJSON {
					return json.NewEncoder(c.OutOrStdout()).Encode(ps)
				}
				printPlugins(c.OutOrStdout(), ps)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

// printPlugins lists plugins for a person.
func printPlugins(w io.Writer, ps []manager.Plugin) {
	if len(ps) == 0 {
		fmt.Fprintln(w, "No plugins. Install one with: hearth plugins install FILE|URL|ID")
		return
	}
	for _, p := range ps {
		fmt.Fprintf(w, "%s %s  %q  [%s]\n", p.ID, p.Version, p.Name, p.Label)
		if p.KeyID != "" {
			fmt.Fprintf(w, "  signed by key %s\n", p.KeyID)
		}
		if p.Yanked != "" {
			fmt.Fprintf(w, "  no longer offered by the registry: %s\n", terminalText(p.Yanked))
		}
		fmt.Fprintf(w, "  may: %s\n", capabilityList(p.Capabilities))
		for _, t := range p.Tools {
			fmt.Fprintf(w, "  tool %-28s %s\n", t.Name, firstLine(t.Description))
		}
	}
}

func newPluginsEnableCommand(stdio IO, enable bool) *cobra.Command {
	use, short, done := "enable ID", "Let a plugin's tools be used again", "Enabled"
	if !enable {
		use, short, done = "disable ID", "Stop a plugin's tools from being used (it stays installed)", "Disabled"
	}
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				fn := m.Disable
				if enable {
					fn = m.Enable
				}
				if err := fn(c.Context(), args[0]); err != nil {
					return err
				}
				fmt.Fprintf(c.OutOrStdout(), "%s %s.\n", done, args[0])
				return nil
			})
		},
	}
}

func newPluginsRmCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "rm ID",
		Short: "Remove a plugin, its grants and its secrets",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				if err := m.Remove(c.Context(), args[0]); err != nil {
					return err
				}
				fmt.Fprintf(c.OutOrStdout(), "Removed %s.\n", args[0])
				return nil
			})
		},
	}
}

func newPluginsCallCommand(stdio IO) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "call ID TOOL JSON",
		Short: "Call a plugin's tool and print its result",
		Args:  exactArgs(3),
		RunE: func(c *cobra.Command, args []string) error {
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				res, err := m.Call(c.Context(), args[0], args[1], json.RawMessage(args[2]))
				if err != nil {
					return err
				}
				return printResult(c.OutOrStdout(), res, asJSON)
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return c
}
