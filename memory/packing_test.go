package memory_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// TestOldSnapshotSavedWithPackedSegments opens the frozen v4 store, whose
// index segments were stored uncompressed, adds to it and closes it: the
// snapshot then holds old raw segments beside new compressed ones, and
// must load again without a rebuild and find both.
func TestOldSnapshotSavedWithPackedSegments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	copyFile(t, filepath.Join(frozenDir(4), "hearth.db"), filepath.Join(dir, "hearth.db"))
	s, err := memory.Open(ctx, dir, memory.Passphrase(frozenPass))
	must(t, err)
	_, err = s.AddMemory(ctx, "The kettle whistles at dawn.", memory.Source{})
	must(t, err)
	must(t, s.Close())

	var logs logBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err = memory.Open(ctx, dir, memory.Passphrase(frozenPass), memory.WithLogger(log))
	must(t, err)
	defer s.Close()
	if !strings.Contains(logs.String(), "rebuilt=false") {
		t.Fatalf("the mixed snapshot was not used:\n%s", logs.String())
	}
	for q, want := range map[string]int{"glacier": 3, "kettle": 1} {
		hits, err := s.Search(ctx, q, 10)
		if err != nil || len(hits) != want {
			t.Errorf("search %q = %+v, %v; want %d hits", q, hits, err, want)
		}
	}
}

// TestChunkIDsNeverReused deletes the newest chunks and adds new ones:
// chunk ids are chosen before the row is written, and must still never
// repeat an id the table gave before (a sealed body is bound to its id).
func TestChunkIDsNeverReused(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t)
	defer s.Close()
	d, err := s.AddDocument(ctx, "/a.md")
	must(t, err)
	var last int64
	for _, text := range []string{"one", "two", "three"} {
		id, err := s.AddChunk(ctx, d.ID, text)
		must(t, err)
		if id <= last {
			t.Fatalf("chunk id %d after %d", id, last)
		}
		last = id
	}
	must(t, s.DeleteDocument(ctx, d.ID))
	d, err = s.AddDocument(ctx, "/b.md")
	must(t, err)
	id, err := s.AddChunk(ctx, d.ID, "four")
	must(t, err)
	if id <= last {
		t.Fatalf("a new chunk took id %d, not above %d which the deleted chunks had", id, last)
	}
	chunks, err := s.Chunks(ctx, d.ID)
	if err != nil || len(chunks) != 1 || chunks[0] != "four" {
		t.Fatalf("chunks = %q, %v", chunks, err)
	}
}
