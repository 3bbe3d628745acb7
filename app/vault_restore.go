package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// Restore replaces the store with the one in a backup, which opens with
// the backup's passphrase. Nothing is lost on the way: the backup is
// restored into a new folder first; only when that succeeds is the current
// store moved aside (to the returned folder, kept) and the restored one put
// in its place, then opened.
func (v *Vault) Restore(ctx context.Context, backup io.Reader, passphrase string) (kept string, err error) {
	staged := v.dir + restoringSuffix
	if err := os.RemoveAll(staged); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	st, err := memory.Restore(ctx, backup, staged, memory.Passphrase(passphrase))
	if err != nil {
		os.RemoveAll(staged)
		return "", restoreError(err)
	}
	if err := st.Close(); err != nil {
		os.RemoveAll(staged)
		return "", fmt.Errorf("restore: %w", err)
	}
	v.exclusive()
	defer v.mu.Unlock()
	kept, err = v.swapIn(staged)
	if err != nil {
		return "", err
	}
	st, err = memory.Open(ctx, v.dir, memory.Passphrase(passphrase), memory.WithEmbedder(v.embedder))
	if err != nil {
		return kept, fmt.Errorf("the backup was restored but does not open: %w (your previous store is kept in %s)", v.storeError(err), kept)
	}
	v.opened(ctx, st)
	return kept, nil
}

// restoringSuffix names the folder a backup is unpacked into, beside the
// store directory, before it is swapped in.
const restoringSuffix = ".restoring"

// swapIn closes the current store, moves it aside and moves staged into its
// place, holding the store lock throughout so no other process opens either
// on the way; on failure the current store goes back. A kill at any point
// is finished or undone by recoverStore. v.mu is held.
func (v *Vault) swapIn(staged string) (kept string, err error) {
	if v.st != nil {
		if err := v.st.Close(); err != nil {
			return "", fmt.Errorf("restore: close the current store: %w", err)
		}
		v.st = nil
	}
	lock, err := memory.LockDir(v.dir)
	if err != nil {
		return "", v.storeError(err)
	}
	defer lock.Release()
	if err := os.Remove(v.dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		// A store (or what a cut-short creation left): kept, never deleted.
		kept = v.dir + ".before-restore-" + time.Now().Format("20060102-150405")
		if err := os.Rename(v.dir, kept); err != nil {
			return "", fmt.Errorf("restore: move the current store aside: %w", err)
		}
		v.crashPoint("moved aside")
	}
	if err := os.Rename(staged, v.dir); err != nil {
		if kept != "" {
			os.Rename(kept, v.dir)
		}
		return "", fmt.Errorf("restore: %w", err)
	}
	syncDir(filepath.Dir(v.dir))
	v.crashPoint("swapped")
	return kept, nil
}

// crashPoint lets the crash tests stop a restore at a named step.
func (v *Vault) crashPoint(step string) {
	if v.atStep != nil {
		v.atStep(step)
	}
}

// restoreError is the sentence a failed restore shows.
func restoreError(err error) error {
	switch {
	case errors.Is(err, memory.ErrWrongPassphrase):
		return errors.New("that passphrase does not open this backup (it needs the passphrase Hearth had when the backup was made)")
	case errors.Is(err, memory.ErrBadBackup):
		return errors.New("this file is not a Hearth backup, or it is damaged")
	case errors.Is(err, memory.ErrEmptyPassphrase):
		return errors.New("type the backup's passphrase")
	}
	return fmt.Errorf("restore: %w", err)
}
