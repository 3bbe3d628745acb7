package memory_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// TestStoreInAwkwardFolder creates and reopens a store in folders whose
// names hold URI syntax ('?', '#', '%'), spaces and non-ASCII letters.
// The database must be the file in that folder, with the store's pragmas
// in effect on the writer and on the readers; nothing may appear beside
// the folder. Before the DSN was escaped, '?' cut the path short and took
// the pragmas with it, '#' ended the path, and "%41" named another file.
func TestStoreInAwkwardFolder(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"a?b", "c#d", "e%41f", "g h", "été 日本", "x?y#z%25 w%"} {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, name)
			s, _, err := memory.Create(ctx, dir, pass, testOpts()...)
			must(t, err)
			_, err = s.AddMemory(ctx, "in an awkward folder", memory.Source{})
			must(t, err)
			must(t, s.Close())
			if fi, err := os.Stat(filepath.Join(dir, "hearth.db")); err != nil || fi.Size() == 0 {
				t.Fatalf("database not in %q: %v", dir, err)
			}
			// Beside the data folder there is only its store lock (DIR.lock):
			// no file a misread URI would have made.
			entries, _ := os.ReadDir(parent)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if want := []string{filepath.Base(dir), filepath.Base(dir) + ".lock"}; !slices.Equal(names, want) {
				t.Fatalf("beside the data folder: %q, want %q", names, want)
			}
			s = reopen(t, dir)
			defer s.Close()
			if mems, err := s.Memories(ctx); err != nil || len(mems) != 1 {
				t.Fatalf("Memories = %v, %v", mems, err)
			}
			w, r, err := s.Pragmas(ctx, "journal_mode", "synchronous", "secure_delete", "foreign_keys", "busy_timeout")
			must(t, err)
			want := map[string]string{"journal_mode": "wal", "synchronous": "2", "secure_delete": "1", "foreign_keys": "1", "busy_timeout": "10000"}
			for n, v := range want {
				if w[n] != v || r[n] != v {
					t.Errorf("PRAGMA %s: writer %q, reader %q; want %q", n, w[n], r[n], v)
				}
			}
		})
	}
}
