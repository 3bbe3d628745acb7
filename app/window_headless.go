//go:build !desktop && !bindings

package app

import "errors"

// RunWindow fails: this binary was built without the desktop tags. `make
// build` builds the real one (tags desktop,production,webkit2_41).
func RunWindow(Assets) error {
	return errors.New("this hearth binary was built without its window; build it with `make build`, or run `hearth --help` for the command line")
}
