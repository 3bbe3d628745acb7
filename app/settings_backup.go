package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// Backup asks where to save an encrypted backup of the store and writes it
// there; it returns the path ("" when the person cancels).
func (s *SettingsService) Backup() (string, error) {
	name := "hearth-" + time.Now().Format("2006-01-02") + ".hearthbackup"
	path, err := s.dialogs.SaveFile("Save an encrypted backup", name)
	if err != nil || path == "" {
		return "", err
	}
	return path, s.backupTo(path)
}

// backupTo writes an encrypted backup of the whole store to path. It opens
// with the current passphrase or recovery key. It is not bound: the window
// gets a path only from the save dialog Backup opens itself.
func (s *SettingsService) backupTo(path string) error {
	if path == "" {
		return errors.New("choose where to save the backup")
	}
	err := writeFileAtomic(path, 0o600, func(w io.Writer) error {
		return s.vault.Use(func(st *memory.Store) error { return st.Backup(context.Background(), w) })
	})
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) && strings.HasPrefix(pe.Path, path) {
		return fmt.Errorf("the backup cannot be written there: %w", err)
	}
	return err
}

// ChooseBackup shows the open-file dialog for a backup to restore ("" when
// the person cancels).
func (s *SettingsService) ChooseBackup() (string, error) {
	return s.dialogs.OpenFile("Choose a Hearth backup", "*.hearthbackup")
}

// Restored says what a restore did.
type Restored struct {
	// Kept is the folder the previous store was moved to ("" when there was
	// none); nothing was deleted.
	Kept string `json:"kept"`
}

// Restore replaces the store with the backup at path, which opens with
// passphrase. The previous store is kept aside, never deleted. The API
// server stops (its models come from the store being replaced).
func (s *SettingsService) Restore(path, passphrase string) (Restored, error) {
	if path == "" {
		return Restored{}, errors.New("choose a backup file to restore")
	}
	f, err := os.Open(path)
	if err != nil {
		return Restored{}, fmt.Errorf("cannot open %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	msg := fmt.Sprintf("Replace all your chats, memories and settings with the backup %s? The current data is kept aside in the data folder, not deleted.", filepath.Base(path))
	if err := confirm(s.dialogs, "Restore a backup?", msg); err != nil {
		return Restored{}, err
	}
	if err := s.StopAPIServer(); err != nil {
		return Restored{}, err
	}
	kept, err := s.vault.Restore(context.Background(), f, passphrase)
	return Restored{Kept: kept}, err
}
