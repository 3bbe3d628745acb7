package app

import "errors"

// Wails v2.9.2 does not tell a bound method which page called it, and on
// Linux it hands the bindings to whatever page the web view shows. So the
// bound methods that reach outside the machine or write where they are told
// (a remote Ollama host, the API server, a backup or an export) do not trust
// their caller: each needs a gesture in a native dialog that the page can
// neither draw nor answer. A save dialog that Go opens itself is such a
// gesture (the path never comes from the page); for the rest, confirm asks.

// errNotConfirmed is the error of an action the person did not confirm.
var errNotConfirmed = errors.New("not done: it was not confirmed")

// confirm asks the person to confirm an action in a native dialog and
// returns nil only when they said yes.
func confirm(d dialogs, title, message string) error {
	if d == nil {
		return errNoWindow
	}
	yes, err := d.Confirm(title, message)
	if err != nil {
		return err
	}
	if !yes {
		return errNotConfirmed
	}
	return nil
}
