package download

import (
	"fmt"
	"os"
	"path/filepath"
)

// partial is the locked "<dest>.partial" file of a running download.
type partial struct {
	dest string
	f    *os.File
}

// openPartial opens (creating it if needed) and locks the partial file of
// dest. It fails with ErrBusy when another download holds it.
func openPartial(dest string) (*partial, error) {
	for range 3 {
		f, err := os.OpenFile(partialPath(dest), os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, err
		}
		// The file may have been renamed to dest between our open and our
		// lock: then it is no longer the partial file, start over.
		if current(f, partialPath(dest)) {
			return &partial{dest: dest, f: f}, nil
		}
		f.Close()
	}
	return nil, fmt.Errorf("%w: %s keeps changing", ErrBusy, partialPath(dest))
}

// current reports whether f is still the file at path.
func current(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// size returns the bytes already in the partial file.
func (p *partial) size() (int64, error) {
	fi, err := p.f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// reset empties the partial file and forgets its sidecar.
func (p *partial) reset() error {
	removeSidecar(p.dest)
	if err := p.f.Truncate(0); err != nil {
		return err
	}
	_, err := p.f.Seek(0, 0)
	return err
}

// commit makes the partial file the destination: sync the file, rename it,
// sync the directory. A crash before the rename leaves a whole partial file
// and its sidecar, which the next run commits without downloading; after
// it, the file in place and perhaps a stale sidecar, which the next run
// finds and clears. The lock is held until close.
func (p *partial) commit() error {
	if err := p.f.Sync(); err != nil {
		return err
	}
	if err := os.Rename(partialPath(p.dest), p.dest); err != nil {
		return err
	}
	removeSidecar(p.dest)
	syncDir(filepath.Dir(p.dest))
	return nil
}

// discard deletes the partial file and its sidecar.
func (p *partial) discard() {
	removeSidecar(p.dest)
	if current(p.f, partialPath(p.dest)) {
		os.Remove(partialPath(p.dest))
	}
}

// close releases the lock. An empty partial file left by a download that
// never started is removed.
func (p *partial) close() {
	if n, err := p.size(); err == nil && n == 0 && current(p.f, partialPath(p.dest)) {
		if _, ok := loadSidecar(p.dest); !ok {
			os.Remove(partialPath(p.dest))
		}
	}
	p.f.Close()
}
