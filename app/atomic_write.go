package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeFileAtomic writes a file through write into PATH.partial, makes it
// durable (fsync), renames it over path and makes the rename durable
// (fsync of the folder). A crash, a kill or a power cut leaves the old
// file or the whole new one at path, never part of one; a failure removes
// the partial file. It is how every file of the user's data is written:
// backups, exports, ui.json.
func writeFileAtomic(path string, perm os.FileMode, write func(io.Writer) error) error {
	tmp := path + ".partial"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, perm)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// writeFileReplacing writes data to path with writeFileAtomic.
func writeFileReplacing(path string, data []byte, perm os.FileMode) error {
	err := writeFileAtomic(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}

// syncDir makes a rename in dir durable. Best effort: some systems
// (Windows) cannot sync a folder, and their renames are journaled.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
