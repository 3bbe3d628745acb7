package memory_test

import (
	"context"
	"errors"
	"testing"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/ingest"
)

func putText(t *testing.T, s *memory.Store, src int64, path string, texts ...string) memory.FileState {
	t.Helper()
	var chunks []ingest.Chunk
	at := 0
	for i, text := range texts {
		chunks = append(chunks, ingest.Chunk{Text: text, Page: i + 1, Heading: "H > " + text[:3], Start: at, End: at + len(text)})
		at += len(text)
	}
	st, err := s.PutFile(context.Background(), memory.FileState{SourceID: src, Path: path, Size: int64(at), ModTime: 7, Hash: path, Status: ingest.Indexed}, chunks)
	must(t, err)
	return st
}

func searchPaths(t *testing.T, s *memory.Store, q string) []string {
	t.Helper()
	hits, err := s.SearchDocuments(context.Background(), q, 10)
	must(t, err)
	var out []string
	for _, h := range hits {
		out = append(out, h.Path)
	}
	return out
}

func TestLibrarySourcesAndFiles(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	src, err := s.AddSource(ctx, "/docs")
	must(t, err)
	again, err := s.AddSource(ctx, "/docs")
	must(t, err)
	if again.ID != src.ID {
		t.Fatalf("adding a folder twice made two sources: %d, %d", src.ID, again.ID)
	}
	a := putText(t, s, src.ID, "/docs/a.md", "glaciers were indexing slowly", "penguins swim")
	hits, err := s.SearchDocuments(ctx, "indexed glacier", 10)
	must(t, err)
	if len(hits) != 1 || hits[0].Path != "/docs/a.md" || hits[0].Location != (memory.Location{Page: 1, Heading: "H > gla", Start: 0, End: 29}) {
		t.Fatalf("stemmed search = %+v", hits)
	}
	// Replacing a file's chunks drops the old ones from the index.
	a = putText(t, s, src.ID, "/docs/a.md", "walruses only")
	if got := searchPaths(t, s, "penguins"); len(got) != 0 {
		t.Fatalf("old chunk still found after PutFile: %v", got)
	}
	states, err := s.FileStates(ctx, src.ID)
	must(t, err)
	if len(states) != 1 || states[0].ID != a.ID || states[0].Chunks != 1 || states[0].Hash != "/docs/a.md" {
		t.Fatalf("states = %+v", states)
	}
	if got := searchPaths(t, s, "walruses"); len(got) != 1 {
		t.Fatalf("before move, search = %v", got)
	}
	// A move keeps the document and its chunks, under the new path.
	moved, err := s.MoveFile(ctx, a.ID, memory.FileState{Path: "/docs/sub/b.md", Size: 13, ModTime: 9})
	must(t, err)
	if moved.DocumentID != a.DocumentID || moved.Hash != a.Hash {
		t.Fatalf("move changed the document: %+v -> %+v", a, moved)
	}
	if got := searchPaths(t, s, "walruses"); len(got) != 1 || got[0] != "/docs/sub/b.md" {
		t.Fatalf("after move, search = %v", got)
	}
	// Everything survives a reopen (index snapshot and log).
	must(t, s.Close())
	s = reopen(t, dir)
	defer s.Close()
	if got := searchPaths(t, s, "walruses"); len(got) != 1 {
		t.Fatalf("after reopen, search = %v", got)
	}
	must(t, s.RemoveFile(ctx, a.ID))
	if got := searchPaths(t, s, "walruses"); len(got) != 0 {
		t.Fatalf("after RemoveFile, search = %v", got)
	}
	if err := s.RemoveFile(ctx, a.ID); !errors.Is(err, memory.ErrNotFound) {
		t.Fatalf("RemoveFile twice = %v", err)
	}
}

func TestLibraryRemoveSource(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t)
	keep, err := s.AddSource(ctx, "/keep")
	must(t, err)
	drop, err := s.AddSource(ctx, "/drop")
	must(t, err)
	putText(t, s, keep.ID, "/keep/k.txt", "otters hold hands")
	putText(t, s, drop.ID, "/drop/d1.txt", "otters sleep afloat")
	putText(t, s, drop.ID, "/drop/d2.txt", "otters eat urchins")
	_, err = s.PutFile(ctx, memory.FileState{SourceID: drop.ID, Path: "/drop/x.bin", Status: ingest.Failed, Reason: "not text"}, nil)
	must(t, err)
	must(t, s.RemoveSource(ctx, drop.ID))
	if got := searchPaths(t, s, "otters"); len(got) != 1 || got[0] != "/keep/k.txt" {
		t.Fatalf("after RemoveSource, search = %v", got)
	}
	srcs, err := s.Sources(ctx)
	must(t, err)
	if len(srcs) != 1 || srcs[0].Path != "/keep" {
		t.Fatalf("sources = %+v", srcs)
	}
	if st, _ := s.FileStates(ctx, drop.ID); len(st) != 0 {
		t.Fatalf("files left under a removed source: %+v", st)
	}
	docs, err := s.Documents(ctx)
	must(t, err)
	if len(docs) != 1 {
		t.Fatalf("documents left = %+v", docs)
	}
	if _, err := s.SourceByPath(ctx, "/drop"); !errors.Is(err, memory.ErrNotFound) {
		t.Fatalf("SourceByPath of a removed source = %v", err)
	}
}

// TestLibraryIndexRebuild checks chunks come back when the index is
// rebuilt from the rows (no snapshot).
func TestLibraryIndexRebuild(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	src, err := s.AddSource(ctx, "/r")
	must(t, err)
	putText(t, s, src.ID, "/r/a.txt", "lighthouses blink")
	must(t, s.Close())
	db := rawDB(t, dir)
	execSQL(t, db, "DELETE FROM index_state")
	must(t, db.Close())
	s = reopen(t, dir)
	defer s.Close()
	if got := searchPaths(t, s, "lighthouse"); len(got) != 1 {
		t.Fatalf("after rebuild, search = %v", got)
	}
}
