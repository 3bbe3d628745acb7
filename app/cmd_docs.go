package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
	"github.com/spf13/cobra"
)

func newDocsCommand(stdio IO) *cobra.Command {
	c := &cobra.Command{
		Use:   "docs",
		Short: "Index folders of documents and search them",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	c.AddCommand(newDocsAddCommand(stdio), newDocsRemoveCommand(stdio),
		newDocsStatusCommand(stdio), newDocsSearchCommand(stdio))
	return c
}

func newDocsAddCommand(stdio IO) *cobra.Command {
	var model string
	c := &cobra.Command{
		Use:   "add DIR",
		Short: "Add a folder to the library and index it (run again to resume or refresh)",
		Long: "Add a folder to the library and index what changed in it since the last run. It returns\n" +
			"when the folder is searchable. Ctrl+C stops cleanly; the next run resumes where it stopped.\n" +
			"With an embedding model (installed, or given with --model) it then embeds the new chunks\n" +
			"for semantic search.",
		Args: exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			dir, err := folderArg(args[0])
			if err != nil {
				return err
			}
			defer softMemoryLimit(indexingMemoryLimit)() // until the store is closed, its index saved
			defer startMemTrace()()
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				if err := checkOverlap(c.Context(), st, dir); err != nil {
					return err
				}
				src, err := st.AddSource(c.Context(), dir)
				if err != nil {
					return err
				}
				if err := syncFolder(c.Context(), stdio, st, src); err != nil {
					return err
				}
				return embedLibrary(c.Context(), stdio, st, model)
			})
		},
	}
	c.Flags().StringVar(&model, "model", "", "embedding model to use: a GGUF file or a library model's name (default: the first installed)")
	return c
}

// checkOverlap refuses a folder inside another library folder or holding
// one: a file belongs to one folder of the library.
func checkOverlap(ctx context.Context, st *memory.Store, dir string) error {
	srcs, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		switch {
		case src.Path == dir:
		case strings.HasPrefix(dir, src.Path+string(filepath.Separator)):
			return usagef("%s is inside %s, which is already in the library", dir, src.Path)
		case strings.HasPrefix(src.Path, dir+string(filepath.Separator)):
			return usagef("%s holds %s, which is already in the library: remove it first with 'hearth docs rm %s'", dir, src.Path, src.Path)
		}
	}
	return nil
}

// folderArg returns the absolute, clean path of an existing folder.
func folderArg(arg string) (string, error) {
	dir, err := filepath.Abs(arg)
	if err != nil {
		return "", fmt.Errorf("folder %s: %w", arg, err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return "", usagef("%s cannot be read: %v", dir, reasonOf(err))
	}
	if !fi.IsDir() {
		return "", usagef("%s is not a folder", dir)
	}
	return dir, nil
}

// reasonOf is an error without the path a PathError repeats.
func reasonOf(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// syncFolder indexes a source, showing progress on stdio.Err, and
// prints what it did.
func syncFolder(ctx context.Context, stdio IO, st *memory.Store, src memory.LibrarySource) error {
	bar := newProgressPrinter(stdio.Err)
	y := &docsync.Syncer{Store: st, Progress: bar.update}
	began := time.Now()
	sum, err := y.Sync(ctx, src)
	took := time.Since(began)
	bar.finish()
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("stopped; %d files were indexed and are searchable, run 'hearth docs add %s' again to resume", sum.Read, src.Path)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdio.Out, "%s: %d files read, %d unchanged, %d moved, %d removed, %d failed, in %s. Searchable now.\n",
		src.Path, sum.Read+sum.Touched, sum.Unchanged, sum.Moved, sum.Removed, sum.Failed, took.Round(time.Millisecond))
	if sum.Failed > 0 {
		fmt.Fprintf(stdio.Out, "See why with: hearth docs status\n")
	}
	return nil
}

func newDocsRemoveCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "rm DIR",
		Short: "Remove a folder and everything indexed from it from the library",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			dir, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				src, err := st.SourceByPath(c.Context(), dir)
				if errors.Is(err, memory.ErrNotFound) {
					return fmt.Errorf("%s is not in the library (see 'hearth docs status')", dir)
				}
				if err != nil {
					return err
				}
				if err := st.RemoveSource(c.Context(), src.ID); err != nil {
					return err
				}
				fmt.Fprintf(c.OutOrStdout(), "Removed %s from the library.\n", dir)
				return nil
			})
		},
	}
}
