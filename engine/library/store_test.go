package library_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/engine/library"
)

func TestFileStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "settings")
	s := library.NewFileStore(dir)
	if _, err := s.Get("k"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Get of a missing key: %v, want fs.ErrNotExist", err)
	}
	for _, v := range []string{"one", "two"} {
		if err := s.Put("k", []byte(v)); err != nil {
			t.Fatal(err)
		}
		got, err := s.Get("k")
		if err != nil || string(got) != v {
			t.Fatalf("Get = %q, %v; want %q", got, err, v)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, "k"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("value file mode %v, %v; want 0600", fi.Mode(), err)
	}
	for _, bad := range []string{"", "..", "a/b", `a\b`} {
		if err := s.Put(bad, nil); err == nil {
			t.Errorf("Put(%q) accepted a key that could leave the directory", bad)
		}
	}
}
