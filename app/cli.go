package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes of the hearth binary.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Assets are the files the binary embeds for its window.
type Assets struct {
	UI   fs.FS  // the built frontend, rooted above frontend/dist
	Icon []byte // the application icon (PNG)
}

// Main runs Hearth: with no arguments it opens the desktop window, otherwise
// it runs the headless command line. It returns the process exit code.
func Main(args []string, assets Assets) int {
	if len(args) == 0 || (devBuild && strings.HasPrefix(args[0], "-")) {
		takeEnvSecrets() // the window never reads them; nothing it starts inherits them
		if err := RunWindow(assets); err != nil {
			fmt.Fprintf(os.Stderr, "hearth: %v\n", err)
			return ExitFailure
		}
		return ExitOK
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return Run(ctx, args, IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
}

// IO is where a command reads and writes.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// Run executes one headless command and returns its exit code. Every failure
// is reported as a single line on io.Err: usage mistakes exit with 2, other
// failures with 1.
//
// Run takes HEARTH_PASSPHRASE, HEARTH_NEW_PASSPHRASE and HEARTH_API_KEY out
// of the process environment before anything else, so that no process it starts inherits
// them; the command reads them from ctx.
func Run(ctx context.Context, args []string, stdio IO) int {
	ctx = withEnvSecrets(ctx, takeEnvSecrets())
	root := newRootCommand(stdio)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(stdio.Err, "hearth: %s\n", oneLine(err))
	var ue usageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	return ExitFailure
}

// usageError marks a mistake in how hearth was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usageError with a formatted message.
func usagef(format string, a ...any) error {
	return usageError{fmt.Errorf(format, a...)}
}

// oneLine flattens an error message onto one line; an OpenAI-compatible
// server's error is its sentence alone (see userSentence).
func oneLine(err error) string {
	return strings.Join(strings.Fields(userSentence(err)), " ")
}

func newRootCommand(stdio IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "hearth",
		Short: "Hearth, a private AI assistant that lives on your computer",
		Long: "Hearth runs language models on your own machine and keeps everything it knows\n" +
			"encrypted on your disk. With no arguments it opens the desktop window.",
		Args:          cobra.ArbitraryArgs,
		RunE:          unknownSubcommand,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usagef("%s: %v (see 'hearth %s --help')", c.Name(), err, c.Name())
	})
	root.AddCommand(newVersionCommand(), newDoctorCommand(), newTokenizeCommand())
	root.AddCommand(newMemoryCommand(stdio), newPasswdCommand(stdio), newLockCommand())
	root.AddCommand(newGenerateCommand(stdio), newChatCommand(stdio), newEmbedCommand(stdio))
	root.AddCommand(newModelsCommand(openModelStore), newServeCommand(stdio), newBenchCommand())
	root.AddCommand(newDocsCommand(stdio), newAskCommand(stdio))
	root.AddCommand(newToolsCommand(stdio), newMCPCommand(stdio), newPluginsCommand(stdio))
	for _, c := range plannedCommands() {
		root.AddCommand(c)
	}
	return root
}

// unknownSubcommand is the RunE of commands that only group others: reaching
// it means the user named a subcommand that does not exist.
func unknownSubcommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usagef("%s needs a subcommand (see '%s --help')", c.CommandPath(), c.CommandPath())
	}
	return usagef("unknown command %q for %q (see '%s --help')", args[0], c.CommandPath(), c.CommandPath())
}

// exactArgs is cobra.ExactArgs reporting a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %d argument(s), got %d (see '%s --help')", c.CommandPath(), n, len(args), c.CommandPath())
		}
		return nil
	}
}

// requireFlags reports a usage error naming the flags of c that were not given.
func requireFlags(c *cobra.Command, names ...string) error {
	var missing []string
	for _, n := range names {
		if !c.Flags().Changed(n) {
			missing = append(missing, "--"+n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return usagef("%s needs %s (see '%s --help')", c.CommandPath(), strings.Join(missing, " and "), c.CommandPath())
}

// minArgs is cobra.MinimumNArgs reporting a usage error.
func minArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s needs at least %d argument(s) (see '%s --help')", c.CommandPath(), n, c.CommandPath())
		}
		return nil
	}
}
