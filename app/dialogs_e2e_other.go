//go:build !dev

package app

// e2eDialogs returns d: only the dev build lets the end-to-end tests
// script its dialogs (see dialogs_e2e_dev.go).
func e2eDialogs(d dialogs) dialogs { return d }
