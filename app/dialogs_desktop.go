//go:build desktop || bindings

package app

import (
	"net/url"
	"path/filepath"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// windowDialogs opens Wails' native dialogs in the window the events are
// attached to.
type windowDialogs struct{ events *windowEvents }

func newWindowDialogs(ev *windowEvents) dialogs { return windowDialogs{events: ev} }

// OpenFile shows the open-file dialog; patterns is like "*.gguf".
func (d windowDialogs) OpenFile(title, patterns string) (string, error) {
	ctx, ok := d.events.context()
	if !ok {
		return "", errNoWindow
	}
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title:   title,
		Filters: []runtime.FileFilter{{DisplayName: patterns, Pattern: patterns}},
	})
}

// OpenFolder shows the choose-a-folder dialog.
func (d windowDialogs) OpenFolder(title string) (string, error) {
	ctx, ok := d.events.context()
	if !ok {
		return "", errNoWindow
	}
	return runtime.OpenDirectoryDialog(ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: false})
}

// SaveFile shows the save-file dialog.
func (d windowDialogs) SaveFile(title, defaultName string) (string, error) {
	ctx, ok := d.events.context()
	if !ok {
		return "", errNoWindow
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName})
}

// ShowFolder opens dir in the file manager through the system's URL opener.
func (d windowDialogs) ShowFolder(dir string) error {
	ctx, ok := d.events.context()
	if !ok {
		return errNoWindow
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	runtime.BrowserOpenURL(ctx, u.String())
	return nil
}

// OpenDocument opens path in the system's viewer. A PDF cited at a page
// opens at that page when the default PDF viewer is one known to take a
// page (openAtPage); anything else goes through the system's URL opener,
// which takes no page: a fragment on a file URL makes some openers fail
// to find the file.
func (d windowDialogs) OpenDocument(path string, page int) error {
	ctx, ok := d.events.context()
	if !ok {
		return errNoWindow
	}
	if openAtPage(ctx, path, page) {
		return nil
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	runtime.BrowserOpenURL(ctx, u.String())
	return nil
}

// Confirm shows a native question dialog with Yes and No. GTK's message
// dialog reads the message as a printf format, so a '%' (in a host name, a
// file name) is doubled to be shown as itself.
func (d windowDialogs) Confirm(title, message string) (bool, error) {
	ctx, ok := d.events.context()
	if !ok {
		return false, errNoWindow
	}
	answer, err := runtime.MessageDialog(ctx, runtime.MessageDialogOptions{
		Type:          runtime.QuestionDialog,
		Title:         title,
		Message:       strings.ReplaceAll(message, "%", "%%"),
		Buttons:       []string{"Yes", "No"},
		DefaultButton: "No",
		CancelButton:  "No",
	})
	if err != nil {
		return false, err
	}
	return answer == "Yes", nil
}
