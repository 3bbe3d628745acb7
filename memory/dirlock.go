package memory

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// DirLock is the exclusive OS lock that makes one process the only one
// with a store open. It lives in a file beside the store directory
// (DIR.lock), not inside it, so a whole store directory can be moved
// aside or swapped in (restore) while the lock stays where it is. The
// file is never deleted: removing a lock file while another process
// waits on it would let two processes hold "the" lock.
type DirLock struct {
	f *os.File
}

// errWouldBlock reports a lock held by another open file.
var errWouldBlock = errors.New("memory: lock held elsewhere")

// lockPath is the lock file of the store in dir.
func lockPath(dir string) string {
	return filepath.Clean(dir) + ".lock"
}

// LockDir takes the store lock for dir without waiting. It reports
// ErrInUse when another process (or another open Store in this process)
// holds it. The OS drops the lock when the process dies, so a crash
// never leaves a store locked. Open, Create and Restore take it
// themselves; call LockDir only to hold a store directory that is not
// open, for example while moving store directories around, and Release
// it before opening the store.
func LockDir(dir string) (*DirLock, error) {
	f, err := os.OpenFile(lockPath(dir), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock store %s: %w", dir, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, fmt.Errorf("store %s: %w", dir, ErrInUse)
		}
		return nil, fmt.Errorf("lock store %s: %w", dir, err)
	}
	return &DirLock{f: f}, nil
}

// Release drops the lock (closing the file releases it). A nil lock is
// released already.
func (l *DirLock) Release() {
	if l != nil && l.f != nil {
		l.f.Close()
		l.f = nil
	}
}
