package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/memory"
	"github.com/spf13/cobra"
)

func newPasswdCommand(stdio IO) *cobra.Command {
	var rotate bool
	c := &cobra.Command{
		Use:   "passwd",
		Short: "Change the passphrase of the encrypted store, or rotate its data key",
		Long: "Change the passphrase of the encrypted store. Only the wrapped key changes; the data is\n" +
			"not re-encrypted. The current passphrase comes from HEARTH_PASSPHRASE or a prompt, the new\n" +
			"one from HEARTH_NEW_PASSPHRASE or a prompt (typed twice).\n\n" +
			"With --rotate-key, everything in the store is also re-encrypted under a fresh data key, and a\n" +
			"new recovery key is shown once (the old one stops working). Do this if an old backup or an old\n" +
			"copy of the store may be in someone's hands together with the passphrase of its time: after\n" +
			"the rotation nothing in the current store opens with the old key. The old backup itself stays\n" +
			"readable with its old passphrase: delete it. The new passphrase may be the current one.",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return runPasswd(c, stdio, rotate)
		},
	}
	c.Flags().BoolVar(&rotate, "rotate-key", false, "also re-encrypt everything under a new data key and issue a new recovery key")
	return c
}

// runPasswd changes the passphrase, and with rotate the data key too.
func runPasswd(c *cobra.Command, stdio IO, rotate bool) error {
	ctx := c.Context()
	dir, err := storeDir()
	if err != nil {
		return err
	}
	current, err := passphrase(ctx, stdio, "HEARTH_PASSPHRASE", "Current passphrase: ", false)
	if err != nil {
		return err
	}
	st, err := memory.Open(ctx, dir, memory.Passphrase(current))
	if err != nil {
		return storeError(err)
	}
	defer st.Close()
	next, err := newPassphrase(ctx, stdio)
	if err != nil {
		return err
	}
	if !rotate {
		if err := st.ChangePassphrase(ctx, memory.Passphrase(current), next); err != nil {
			return storeError(err)
		}
		fmt.Fprintln(c.OutOrStdout(), "Passphrase changed.")
		return nil
	}
	recovery, err := st.RotateKey(ctx, memory.Passphrase(current), next)
	if err != nil {
		return storeError(err)
	}
	fmt.Fprintln(c.OutOrStdout(), "Data key rotated: everything in the store is re-encrypted, and the passphrase is set.")
	fmt.Fprintf(c.OutOrStdout(), "Your new recovery key (shown only now; the old one no longer works): %s\n", recovery)
	return nil
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
