package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func newPluginsPackCommand(stdio IO) *cobra.Command {
	var key, out string
	c := &cobra.Command{
		Use:   "pack DIR --key KEY -o FILE.zip",
		Short: "Pack a plugin directory into a zip signed with a minisign secret key",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := requireFlags(c, "key", "output"); err != nil {
				return err
			}
			k, err := bundle.LoadPrivateKey(key, keyPassword(stdio))
			if err != nil {
				return err
			}
			zip, err := bundle.Pack(args[0], k)
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, 0o644, func(w io.Writer) error { _, err := w.Write(zip); return err }); err != nil {
				return fmt.Errorf("write %s: %w", out, err)
			}
			fmt.Fprintf(c.OutOrStdout(), "Packed %s into %s (%d bytes).\n", args[0], out, len(zip))
			return nil
		},
	}
	c.Flags().StringVar(&key, "key", "", "the minisign secret key file")
	c.Flags().StringVarP(&out, "output", "o", "", "the zip to write")
	return c
}

// keyPassword asks for a secret key's password on the terminal.
func keyPassword(stdio IO) func() (string, error) {
	return func() (string, error) {
		f, ok := stdio.In.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return "", errors.New("the key is encrypted; run hearth plugins pack in a terminal to type its password")
		}
		return readSecret(f, stdio.Err, "Password of the key: ")
	}
}

func newPluginsRegistryCommand(stdio IO) *cobra.Command {
	c := &cobra.Command{
		Use:   "registry",
		Short: "Choose the plugin registry and see what was last verified of it",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	var key string
	set := &cobra.Command{
		Use:   "set URL --key PUBKEY",
		Short: "Use the registry index at URL, signed by the minisign public key PUBKEY",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := requireFlags(c, "key"); err != nil {
				return err
			}
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				if err := m.SetRegistry(c.Context(), args[0], key); err != nil {
					return err
				}
				fmt.Fprintf(c.OutOrStdout(), "The registry is %s; run hearth plugins refresh to read it.\n", args[0])
				return nil
			})
		},
	}
	set.Flags().StringVar(&key, "key", "", "the registry's minisign public key (the line starting RW…)")
	show := &cobra.Command{
		Use:   "show",
		Short: "Show the registry and its last verified serial",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				s, err := m.Registry(c.Context())
				if err != nil {
					return err
				}
				if s.URL == "" {
					fmt.Fprintln(c.OutOrStdout(), "No registry is set (hearth plugins registry set URL --key PUBKEY).")
					return nil
				}
				fmt.Fprintf(c.OutOrStdout(), "%s\n  key %s\n  last verified serial %d\n", s.URL, s.PublicKey, s.LastSerial)
				return nil
			})
		},
	}
	c.AddCommand(set, show)
	return c
}

func newPluginsRefreshCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "refresh",
		Short: "Read the registry's signed index and disable the plugins whose version it revoked",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				rep, err := m.Refresh(c.Context())
				if err != nil {
					return err
				}
				w := c.OutOrStdout()
				fmt.Fprintf(w, "The registry's index (serial %d, valid until %s) is verified.\n", rep.Serial, rep.Expires.Local().Format("2006-01-02 15:04"))
				for _, id := range rep.Revoked {
					fmt.Fprintf(w, "Disabled %s: the registry revoked its version.\n", id)
				}
				for _, id := range rep.Yanked {
					fmt.Fprintf(w, "%s: the registry no longer offers its version (it stays installed).\n", id)
				}
				return nil
			})
		},
	}
}

func newPluginsAuditCommand(stdio IO) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "audit",
		Short: "Show what plugins did and were refused, newest first",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				log, err := m.Audit(c.Context())
				if err != nil {
					return err
				}
				if asJSON {
					if log == nil {
						log = []manager.AuditEntry{}
					}
					return json.NewEncoder(c.OutOrStdout()).Encode(log)
				}
				for _, e := range log {
					verdict := "allowed"
					if !e.Allowed {
						verdict = "DENIED"
					}
					fmt.Fprintf(c.OutOrStdout(), "%s  %s %s %s %s %s\n", e.Time.Local().Format("2006-01-02 15:04:05"),
						e.Plugin, e.Function, e.Capability, verdict, oneLineText(e.Detail))
				}
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

func newPluginsDevModeCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "dev-mode on|off",
		Short: "Allow (on) or refuse (off) installing unsigned plugins, for plugin authors",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			on := args[0] == "on"
			if !on && args[0] != "off" {
				return usagef("plugins dev-mode takes on or off")
			}
			return withPlugins(c, stdio, func(m *manager.Manager) error {
				if err := m.SetDevMode(c.Context(), on); err != nil {
					return err
				}
				if on {
					fmt.Fprintln(c.OutOrStdout(), "Developer mode is on: unsigned plugins may be installed, and are marked "+manager.UnsignedLabel+".")
				} else {
					fmt.Fprintln(c.OutOrStdout(), "Developer mode is off: only signed plugins may be installed.")
				}
				return nil
			})
		},
	}
}
