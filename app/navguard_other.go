//go:build (desktop || bindings) && !(desktop && linux && cgo)

package app

// guardNavigation does nothing here: only the Linux web view has the guard
// (see navguard.go); the page's CSP and link guard still hold.
func guardNavigation() {}
