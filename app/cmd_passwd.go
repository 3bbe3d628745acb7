package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/memory"
	"github.com/spf13/cobra"
)

func newPasswdCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "passwd",
		Short: "Change the passphrase of the encrypted store",
		Long: "Change the passphrase of the encrypted store. Only the wrapped key changes; the data is\n" +
			"not re-encrypted. The current passphrase comes from HEARTH_PASSPHRASE or a prompt, the new\n" +
			"one from HEARTH_NEW_PASSPHRASE or a prompt (typed twice).",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			dir, err := storeDir()
			if err != nil {
				return err
			}
			current, err := passphrase(c.Context(), stdio, "HEARTH_PASSPHRASE", "Current passphrase: ", false)
			if err != nil {
				return err
			}
			st, err := memory.Open(c.Context(), dir, memory.Passphrase(current))
			if err != nil {
				return storeError(err)
			}
			defer st.Close()
			next, err := newPassphrase(c.Context(), stdio)
			if err != nil {
				return err
			}
			if err := st.ChangePassphrase(c.Context(), memory.Passphrase(current), next); err != nil {
				return storeError(err)
			}
			fmt.Fprintln(c.OutOrStdout(), "Passphrase changed.")
			return nil
		},
	}
}

func newPassphrase(ctx context.Context, stdio IO) (string, error) {
	p, err := passphrase(ctx, stdio, "HEARTH_NEW_PASSPHRASE", "New passphrase: ", true)
	if err == nil && p == "" {
		return "", errors.New("the new passphrase is empty")
	}
	return p, err
}

func newLockCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "lock",
		Short: "Lock the encrypted store",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			fmt.Fprintln(c.OutOrStdout(), "Hearth's store is locked. The command line keeps nothing unlocked between "+
				"commands: each one needs the passphrase (HEARTH_PASSPHRASE or a prompt).")
			return nil
		},
	}
}
