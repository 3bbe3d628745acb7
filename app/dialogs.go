package app

import "errors"

// dialogs are the window's native dialogs and the file manager, which the
// services open on the person's behalf. Without a window (tests, headless
// builds) they fail with errNoWindow.
type dialogs interface {
	// OpenFile asks for an existing file; "" when the person cancels.
	OpenFile(title string, patterns string) (string, error)
	// OpenFolder asks for an existing folder; "" when the person cancels.
	OpenFolder(title string) (string, error)
	// SaveFile asks where to write a file; "" when the person cancels.
	SaveFile(title, defaultName string) (string, error)
	// ShowFolder opens dir in the file manager.
	ShowFolder(dir string) error
	// OpenDocument opens a library file in the system's viewer, at page
	// (from 1; 0 for none) where the viewer allows it. Callers pass only
	// files they found in the library, never a path from the page.
	OpenDocument(path string, page int) error
	// Confirm asks a yes/no question in a native dialog, which the page in
	// the window can neither draw nor answer; true only for an explicit yes.
	Confirm(title, message string) (bool, error)
}

// errNoWindow is the error of dialogs asked for while there is no window.
var errNoWindow = errors.New("this needs Hearth's window, which is not open")

// noDialogs is the dialogs of a build or a test without a window.
type noDialogs struct{}

func (noDialogs) OpenFile(string, string) (string, error) { return "", errNoWindow }
func (noDialogs) OpenFolder(string) (string, error)       { return "", errNoWindow }
func (noDialogs) SaveFile(string, string) (string, error) { return "", errNoWindow }
func (noDialogs) ShowFolder(string) error                 { return errNoWindow }
func (noDialogs) OpenDocument(string, int) error          { return errNoWindow }
func (noDialogs) Confirm(string, string) (bool, error)    { return false, errNoWindow }
