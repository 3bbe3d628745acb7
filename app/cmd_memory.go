package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/memory"
	"github.com/spf13/cobra"
)

func newMemoryCommand(stdio IO) *cobra.Command {
	c := &cobra.Command{
		Use:   "memory",
		Short: "List, add, edit and forget what Hearth remembers about you",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	c.AddCommand(newMemoryListCommand(stdio), newMemoryAddCommand(stdio),
		newMemoryEditCommand(stdio), newMemoryForgetCommand(stdio))
	return c
}

func newMemoryListCommand(stdio IO) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List the memories, with where each came from",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				mems, err := st.Memories(c.Context())
				if err != nil {
					return err
				}
				if asJSON {
					return json.NewEncoder(c.OutOrStdout()).Encode(mems)
				}
				printMemories(c.OutOrStdout(), mems)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

func printMemories(w io.Writer, mems []memory.Memory) {
	if len(mems) == 0 {
		fmt.Fprintln(w, "Hearth remembers nothing yet. Add a memory with: hearth memory add TEXT")
		return
	}
	for _, m := range mems {
		src := "added by you"
		switch {
		case m.Source.Plugin != "":
			src = "written by plugin " + m.Source.Plugin
		case m.Source.ConversationID != 0:
			src = fmt.Sprintf("from conversation %d", m.Source.ConversationID)
		}
		fmt.Fprintf(w, "%4d  %s  (%s, %s)\n", m.ID, terminalText(m.Text), terminalText(src), m.Created.Local().Format("2006-01-02"))
	}
}

func newMemoryAddCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "add TEXT",
		Short: "Remember a fact",
		Args:  minArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			text := strings.TrimSpace(strings.Join(args, " "))
			if text == "" {
				return usagef("memory add needs some text")
			}
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				m, err := st.AddMemory(c.Context(), text, memory.Source{})
				if err == nil {
					fmt.Fprintf(c.OutOrStdout(), "Remembered (#%d).\n", m.ID)
				}
				return err
			})
		},
	}
}

func newMemoryEditCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "edit ID TEXT",
		Short: "Change what a memory says",
		Args:  minArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			id, err := memoryID(args[0])
			if err != nil {
				return err
			}
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				if err := st.EditMemory(c.Context(), id, strings.Join(args[1:], " ")); err != nil {
					return notFound(err, id)
				}
				fmt.Fprintf(c.OutOrStdout(), "Memory #%d changed.\n", id)
				return nil
			})
		},
	}
}

func newMemoryForgetCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "forget ID",
		Short: "Forget a memory for good",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			id, err := memoryID(args[0])
			if err != nil {
				return err
			}
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				if err := st.ForgetMemory(c.Context(), id); err != nil {
					return notFound(err, id)
				}
				fmt.Fprintf(c.OutOrStdout(), "Forgot memory #%d.\n", id)
				return nil
			})
		},
	}
}

func memoryID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("%q is not a memory id (see 'hearth memory list')", s)
	}
	return id, nil
}

func notFound(err error, id int64) error {
	if errors.Is(err, memory.ErrNotFound) {
		return fmt.Errorf("there is no memory #%d (see 'hearth memory list')", id)
	}
	return err
}
