//go:build !unix && !windows

package memory

import "os"

// lockFile does not lock on this platform (wasm, plan9): one process per
// store is then the user's to keep.
func lockFile(*os.File) error { return nil }
