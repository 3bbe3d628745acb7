package memory_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// spillOpts open a store as the command line does, with an index that
// spills after every write.
func spillOpts() []memory.Option {
	return []memory.Option{memory.WithLazyIndex(), memory.WithSpillSize(1)}
}

// TestSpilledIndex adds files to a store whose in-memory index is saved
// and dropped after each write: searches, deletions and reopening
// (whole, and spilled again) all see exactly the files' current text.
func TestSpilledIndex(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	must(t, s.Close())

	s = reopen(t, dir, spillOpts()...)
	src, err := s.AddSource(ctx, "/docs")
	must(t, err)
	for i := range 5 {
		putText(t, s, src.ID, fmt.Sprintf("/docs/%d.md", i), fmt.Sprintf("walrus%d tusks", i), "common ground")
		if !s.Spilled() {
			t.Fatalf("after file %d, the index was not spilled", i)
		}
	}
	wantPaths(t, s, "tusks", "/docs/0.md", "/docs/1.md", "/docs/2.md", "/docs/3.md", "/docs/4.md")
	if s.Spilled() {
		t.Fatal("a search left the index spilled")
	}
	must(t, s.Close())

	// A store opened again starts spilled on top of the snapshot when
	// it only adds; a deletion (a file's text replaced) loads it whole.
	s = reopen(t, dir, spillOpts()...)
	putText(t, s, src.ID, "/docs/5.md", "walrus5 tusks")
	if !s.Spilled() {
		t.Fatal("an added file loaded the index instead of spilling on top of the snapshot")
	}
	putText(t, s, src.ID, "/docs/0.md", "narwhal horn")
	if s.Spilled() {
		t.Fatal("a deletion left the index spilled")
	}
	putText(t, s, src.ID, "/docs/6.md", "walrus6 tusks")
	if s.Spilled() {
		t.Fatal("the index spilled again after it was loaded whole")
	}
	check := func(s *memory.Store) {
		t.Helper()
		wantPaths(t, s, "walrus0")
		wantPaths(t, s, "narwhal", "/docs/0.md")
		wantPaths(t, s, "tusks", "/docs/1.md", "/docs/2.md", "/docs/3.md", "/docs/4.md", "/docs/5.md", "/docs/6.md")
		wantPaths(t, s, "ground", "/docs/1.md", "/docs/2.md", "/docs/3.md", "/docs/4.md")
	}
	check(s)
	must(t, s.Close())

	s = reopen(t, dir) // loads the snapshot whole at unlock
	check(s)
	must(t, s.Close())
}

// TestSpilledIndexReplay starts a spilled index on top of a snapshot
// and searches it before it ever spills: the search saves it and loads
// the whole index.
func TestSpilledIndexReplay(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	must(t, s.Close())
	s = reopen(t, dir, memory.WithLazyIndex(), memory.WithSpillSize(1<<40))
	src, err := s.AddSource(ctx, "/docs")
	must(t, err)
	putText(t, s, src.ID, "/docs/a.md", "kelp forest")
	must(t, s.Close())

	s = reopen(t, dir, memory.WithLazyIndex(), memory.WithSpillSize(1<<40))
	putText(t, s, src.ID, "/docs/b.md", "kelp bed")
	if !s.Spilled() {
		t.Fatal("an added file loaded the index")
	}
	wantPaths(t, s, "kelp", "/docs/a.md", "/docs/b.md")
	must(t, s.Close())
}

func wantPaths(t *testing.T, s *memory.Store, q string, want ...string) {
	t.Helper()
	got := searchPaths(t, s, q)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("search %q = %v, want %v", q, got, want)
	}
}
