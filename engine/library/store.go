package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Store persists small values by key. app backs it with the encrypted store's
// sealed settings, so what the library records (model names and paths) is
// never written in the clear.
//
// Get of a key that was never Put returns either a nil slice and a nil error
// or an error wrapping fs.ErrNotExist; the library accepts both.
type Store interface {
	Get(key string) ([]byte, error)
	Put(key string, val []byte) error
}

// FileStore is a Store that keeps each key in a file of its own in a
// directory, written atomically with 0600 permissions. It does not encrypt:
// it exists for tests and as a stand-in until app provides a sealed Store.
type FileStore struct {
	dir string
}

// NewFileStore returns a FileStore keeping its files in dir, which it creates
// (0700) on the first Put.
func NewFileStore(dir string) *FileStore { return &FileStore{dir: dir} }

// Get returns the value of key, or an error wrapping fs.ErrNotExist.
func (s *FileStore) Get(key string) ([]byte, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("store get %q: %w", key, err)
	}
	return b, nil
}

// Put replaces the value of key.
func (s *FileStore) Put(key string, val []byte) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("store put %q: %w", key, err)
	}
	if err := writeFileAtomic(p, val, 0o600); err != nil {
		return fmt.Errorf("store put %q: %w", key, err)
	}
	return nil
}

// path maps key to a file name, refusing keys that could leave the directory.
func (s *FileStore) path(key string) (string, error) {
	if key == "" || strings.ContainsAny(key, `/\`) || key == "." || key == ".." {
		return "", fmt.Errorf("store: invalid key %q", key)
	}
	return filepath.Join(s.dir, key), nil
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path, so a crash leaves either the old or the new content.
func writeFileAtomic(path string, data []byte, perm fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// getValue reads key from s, mapping "never stored" to a nil slice.
func getValue(s Store, key string) ([]byte, error) {
	b, err := s.Get(key)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}
