package app

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/hearth-app/hearth/memory"
)

// inUseError is the sentence for a store that another Hearth process (the
// window or a command) has open: one store has one writer. It matches
// memory.ErrInUse, and the command line exits with 1 on it.
type inUseError struct {
	dataDir string
}

func (e inUseError) Error() string {
	return fmt.Sprintf("Hearth's data in %s is open in another Hearth process (the window or a command); close it first", e.dataDir)
}

func (e inUseError) Unwrap() error { return memory.ErrInUse }

// storeError is the package's storeError with the vault's own data
// directory named when the store is in use elsewhere.
func (v *Vault) storeError(err error) error {
	if errors.Is(err, memory.ErrInUse) {
		return inUseError{dataDir: filepath.Dir(v.dir)}
	}
	return storeError(err)
}
