package app

import (
	"fmt"

	"github.com/spf13/cobra"
)

// plannedCommands returns the parts of the command-line contract that are not
// built yet. Each says so and exits non-zero, whatever its arguments.
func plannedCommands() []*cobra.Command {
	specs := []struct{ use, short string }{}
	cmds := make([]*cobra.Command, 0, len(specs))
	for _, s := range specs {
		cmds = append(cmds, &cobra.Command{
			Use:                s.use,
			Short:              s.short + " (not implemented yet)",
			DisableFlagParsing: true,
			RunE: func(c *cobra.Command, _ []string) error {
				return fmt.Errorf("%s is not implemented yet", c.CommandPath())
			},
		})
	}
	return cmds
}
