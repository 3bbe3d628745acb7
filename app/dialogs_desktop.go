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

// OpenDocument opens path through the system's URL opener, which hands a
// file URL to the viewer registered for its type. The page is not passed:
// xdg-open and most viewers take no page through a URL, and a fragment on a
// file URL makes some openers fail to find the file.
func (d windowDialogs) OpenDocument(path string, _ int) error {
	ctx, ok := d.events.context()
	if !ok {
		return errNoWindow
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
