package app

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCommand() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "version",
		Short: "Print Hearth's version",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			b := CurrentBuild()
			if asJSON {
				return json.NewEncoder(c.OutOrStdout()).Encode(b)
			}
			fmt.Fprintf(c.OutOrStdout(), "hearth %s (%s", b.Version, b.GoVersion)
			if b.Commit != "" {
				fmt.Fprintf(c.OutOrStdout(), ", %s", b.Commit)
			}
			fmt.Fprintln(c.OutOrStdout(), ")")
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}
