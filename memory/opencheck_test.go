package memory_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// TestOpenCheckCoversTables damages the pages of one table at a time in a
// checkpointed store: a table of the person's own data (messages) is refused
// at open; the library's chunks, left out of the open check, open and are
// refused as ErrCorrupt when read.
func TestOpenCheckCoversTables(t *testing.T) {
	ctx := context.Background()
	s, src, _ := newStore(t)
	c, err := s.CreateConversation(ctx, "c")
	must(t, err)
	for i := range 300 {
		_, err := s.AddMessage(ctx, c.ID, 0, memory.Message{Role: "user", Text: strings.Repeat("message ", 20) + string(rune('a'+i%26))})
		must(t, err)
	}
	doc, err := s.AddDocument(ctx, "/notes/a.md")
	must(t, err)
	for i := range 300 {
		_, err := s.AddChunk(ctx, doc.ID, strings.Repeat("chunk text ", 40)+string(rune('a'+i%26)))
		must(t, err)
	}
	must(t, s.Close())

	for _, tc := range []struct {
		table     string
		atOpen    bool
		readAfter func(s *memory.Store) error
	}{
		{"messages", true, nil},
		{"chunks", false, func(s *memory.Store) error { _, err := s.Chunks(ctx, doc.ID); return err }},
	} {
		t.Run(tc.table, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range []string{"hearth.db", "hearth.db-wal", "hearth.db-shm"} {
				copyFile(t, filepath.Join(src, f), filepath.Join(dir, f))
			}
			checkpointed(t, dir)
			garbleTablePages(t, dir, tc.table)
			s, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...)
			if tc.atOpen {
				if err == nil {
					s.Close()
					t.Fatalf("a store with damaged %s pages opened", tc.table)
				}
				if !errors.Is(err, memory.ErrCorrupt) {
					t.Fatalf("open: %v, want ErrCorrupt", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("open with damaged %s pages: %v, want it to open", tc.table, err)
			}
			defer s.Close()
			if err := tc.readAfter(s); !errors.Is(err, memory.ErrCorrupt) && !errors.Is(err, memory.ErrTampered) {
				t.Fatalf("reading damaged %s: %v, want ErrCorrupt or ErrTampered", tc.table, err)
			}
		})
	}
}

// garbleTablePages overwrites the root page of table with a pattern. The
// root page of a table with many rows is an interior page, so the damage cuts
// the table off from all its rows and leaves the other tables intact.
func garbleTablePages(t *testing.T, dir, table string) {
	t.Helper()
	db := rawDB(t, dir)
	var root int64
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = ?", table).Scan(&root); err != nil {
		t.Fatal(err)
	}
	var pageSize int64
	if err := db.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	must(t, db.Close())
	f, err := os.OpenFile(filepath.Join(dir, "hearth.db"), os.O_RDWR, 0)
	must(t, err)
	defer f.Close()
	junk := []byte(strings.Repeat("\xff\x00\x13", int(pageSize)/3+1))[:pageSize]
	_, err = f.WriteAt(junk, (root-1)*pageSize)
	must(t, err)
}
