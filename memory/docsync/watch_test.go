package docsync_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
)

// waitFor polls search until q finds want hits or the deadline passes.
func waitFor(t *testing.T, s *memory.Store, q string, want int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		h := hits(t, s, q)
		if len(h) == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("search %q found %d, want %d", q, len(h), want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestWatcherIndexesNewFiles: files added to a watched folder, in a new
// subfolder too, become searchable without a rescan; a file added while
// nothing watched is found by the sync at start.
func TestWatcherIndexesNewFiles(t *testing.T) {
	s, _ := newStore(t)
	root := t.TempDir()
	write(t, filepath.Join(root, "before.txt"), "written while nothing watched: heron")
	src, err := s.AddSource(context.Background(), root)
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 1)
	w := &docsync.Watcher{Syncer: &docsync.Syncer{Store: s}, Delay: 100 * time.Millisecond,
		OnSync: func(_ memory.LibrarySource, _ docsync.Summary, err error) {
			if err != nil {
				t.Errorf("sync: %v", err)
			}
		}}
	go func() { errs <- w.Watch(ctx, []memory.LibrarySource{src}) }()
	waitFor(t, s, "heron", 1)
	write(t, filepath.Join(root, "added.md"), "# New\n\nA kingfisher dives.")
	waitFor(t, s, "kingfisher", 1)
	write(t, filepath.Join(root, "new/deeper/nested.txt"), "a cormorant dries its wings")
	waitFor(t, s, "cormorant", 1)
	write(t, filepath.Join(root, "new/deeper/second.txt"), "a second egret")
	waitFor(t, s, "egret", 1)
	cancel()
	if err := <-errs; err != context.Canceled {
		t.Fatalf("Watch = %v", err)
	}
}
