//go:build dev

package app

import (
	"fmt"
	"os"
	"sync"
)

// e2eDialogs stands in for the native dialogs that the end-to-end tests
// cannot drive from the dev build's browser page, and only in the dev build
// (this file has the dev tag; a production build never reads these
// variables):
//   - HEARTH_E2E_FOLDER: the folder dialog answers this path, as if the
//     person had chosen it;
//   - HEARTH_E2E_OPEN_LOG: opening a document in the system's viewer
//     appends "PATH#page=N" to this file instead of launching a viewer;
//   - HEARTH_E2E_FILE: the open-file dialog answers this path.
//
// Everything behind the dialog (what is added, what is opened and the
// checks before it) is the production code.
func e2eDialogs(d dialogs) dialogs {
	folder, openLog, file := os.Getenv("HEARTH_E2E_FOLDER"), os.Getenv("HEARTH_E2E_OPEN_LOG"), os.Getenv("HEARTH_E2E_FILE")
	if folder == "" && openLog == "" && file == "" {
		return d
	}
	return &scriptedDialogs{dialogs: d, folder: folder, openLog: openLog, file: file}
}

type scriptedDialogs struct {
	dialogs
	folder, openLog, file string
	mu                    sync.Mutex
}

func (d *scriptedDialogs) OpenFile(title, patterns string) (string, error) {
	if d.file == "" {
		return d.dialogs.OpenFile(title, patterns)
	}
	return d.file, nil
}

func (d *scriptedDialogs) OpenFolder(title string) (string, error) {
	if d.folder == "" {
		return d.dialogs.OpenFolder(title)
	}
	return d.folder, nil
}

func (d *scriptedDialogs) OpenDocument(path string, page int) error {
	if d.openLog == "" {
		return d.dialogs.OpenDocument(path, page)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	f, err := os.OpenFile(d.openLog, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("open document: %w", err)
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "%s#page=%d\n", path, page)
	return err
}
