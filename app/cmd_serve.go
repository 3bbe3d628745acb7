package app

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newServeCommand() *cobra.Command {
	return &cobra.Command{
		Use:                "serve",
		Short:              "Serve an OpenAI-compatible API on this machine (not implemented yet)",
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, _ []string) error {
			return fmt.Errorf("%s is not implemented yet", c.CommandPath())
		},
	}
}
