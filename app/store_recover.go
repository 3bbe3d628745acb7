package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// recoverStore finishes or undoes a restore that a crash or a kill cut
// short, so that whether a store exists is answered right before anything
// asks (the window's first-run screen, a command creating a store with
// HEARTH_PASSPHRASE). A creation cut short needs nothing here: it leaves no
// hearth.db, so the store does not exist and the next Create clears the
// leftovers. It works under the store lock and leaves alone a store or a
// restore that another process holds. Nothing is ever deleted but the
// unpacked copy of a backup whose file is still where the user chose it.
func recoverStore(dir string) error {
	staged := dir + restoringSuffix
	if _, err := os.Stat(staged); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	lock, err := memory.LockDir(dir)
	if err != nil {
		return err
	}
	defer lock.Release()
	restoring, err := memory.LockDir(staged)
	if err != nil {
		return err // a restore is running in another process
	}
	finish := memory.Exists(staged) && !memory.Exists(dir)
	restoring.Release()
	if !finish {
		// Cut before the swap (the current store is untouched) or while the
		// backup was unpacked (nothing complete was staged).
		return removeStaged(staged)
	}
	// Cut between moving the current store aside and moving the restored
	// one in: move it in.
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(dir, dir+".incomplete-"+time.Now().Format("20060102-150405")); err != nil {
			return fmt.Errorf("finish the restore: %w", err)
		}
	}
	if err := os.Rename(staged, dir); err != nil {
		return fmt.Errorf("finish the restore: %w", err)
	}
	syncDir(filepath.Dir(dir))
	return nil
}

// recoverStoreDir is recoverStore for startup: a store or restore that
// another process holds is that process's to finish, not an error.
func recoverStoreDir(dir string) error {
	if err := recoverStore(dir); err != nil && !errors.Is(err, memory.ErrInUse) {
		return err
	}
	return nil
}

// removeStaged deletes an abandoned restore folder (its lock file beside
// it stays, as every lock file does).
func removeStaged(staged string) error {
	if err := os.RemoveAll(staged); err != nil {
		return fmt.Errorf("clear an unfinished restore: %w", err)
	}
	return nil
}
