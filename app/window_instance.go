package app

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
)

// instanceID names the window's single-instance lock. It is derived from
// the data directory, so one window opens per data directory: a second
// launch over the same data raises the first window and exits, while a
// window over another HEARTH_HOME (a test, a second profile) opens beside
// it. It is made of letters, digits and underscores only, as a D-Bus name
// element (Linux) and a mutex name (Windows) need.
func instanceID(dataDir string) string {
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		abs = filepath.Clean(dataDir)
	}
	sum := sha256.Sum256([]byte(abs))
	return "hearth_" + hex.EncodeToString(sum[:10])
}
