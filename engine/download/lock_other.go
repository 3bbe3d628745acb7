//go:build !unix && !windows

package download

import "os"

// lockFile does not lock on this platform.
func lockFile(*os.File) error { return nil }
