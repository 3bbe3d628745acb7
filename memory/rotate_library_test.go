package memory_test

import (
	"context"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// TestRotateKeyKeepsLibraryLookups checks that the rows found by a blind
// index (settings by name, library folders and files by path) are still
// found after the data key is rotated: their tags are recomputed under the
// new key, not left under the old one.
func TestRotateKeyKeepsLibraryLookups(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	src, err := s.AddSource(ctx, "/home/ada/notes")
	must(t, err)
	putText(t, s, src.ID, "/home/ada/notes/fjords.md", "Fjords are drowned valleys.")
	must(t, s.SetSetting(ctx, "theme", []byte("dark")))
	if _, err := s.RotateKey(ctx, memory.Passphrase(pass), pass); err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		st := s
		if round == 1 { // and again from the file
			st = reopenAfter(t, s, dir)
			defer st.Close()
		}
		got, err := st.SourceByPath(ctx, "/home/ada/notes")
		if err != nil || got.ID != src.ID {
			t.Fatalf("round %d: SourceByPath after rotation = %+v, %v; want folder %d", round, got, err, src.ID)
		}
		again, err := st.AddSource(ctx, "/home/ada/notes")
		if err != nil || again.ID != src.ID {
			t.Fatalf("round %d: adding the folder again gave %+v, %v; want the same folder %d", round, again, err, src.ID)
		}
		putText(t, st, src.ID, "/home/ada/notes/fjords.md", "Fjords were carved by glaciers.")
		files, err := st.FileStates(ctx, src.ID)
		if err != nil || len(files) != 1 {
			t.Fatalf("round %d: the file put again by path is %d files (%v), want it replaced", round, len(files), err)
		}
		if v, err := st.Setting(ctx, "theme"); err != nil || string(v) != "dark" {
			t.Fatalf("round %d: setting after rotation = %q, %v", round, v, err)
		}
	}
}

// reopenAfter closes s and opens the store in dir again.
func reopenAfter(t *testing.T, s *memory.Store, dir string) *memory.Store {
	t.Helper()
	must(t, s.Close())
	return reopen(t, dir)
}
