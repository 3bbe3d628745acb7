package docsync_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
	"github.com/hearth-app/hearth/memory/ingest"
	"github.com/hearth-app/hearth/memory/internal/keys"
)

const pass = "correct horse battery staple"

var cheap = keys.Params{Time: 1, MemoryKiB: 64, Threads: 1}

func testOpts() []memory.Option {
	return []memory.Option{memory.WithKDF(cheap), memory.WithKDFFloor(cheap)}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newStore(t testing.TB) (*memory.Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, _, err := memory.Create(context.Background(), dir, pass, testOpts()...)
	must(t, err)
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func write(t testing.TB, path, text string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	must(t, os.WriteFile(path, []byte(text), 0o644))
}

// states returns a source's file states by path relative to root.
func states(t *testing.T, s *memory.Store, src memory.LibrarySource) map[string]memory.FileState {
	t.Helper()
	list, err := s.FileStates(context.Background(), src.ID)
	must(t, err)
	out := map[string]memory.FileState{}
	for _, f := range list {
		rel, _ := filepath.Rel(src.Path, f.Path)
		out[filepath.ToSlash(rel)] = f
	}
	return out
}

func hits(t *testing.T, s *memory.Store, q string) []memory.DocHit {
	t.Helper()
	h, err := s.SearchDocuments(context.Background(), q, 20)
	must(t, err)
	return h
}

func TestSyncStatusesAndSearch(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	root := t.TempDir()
	write(t, filepath.Join(root, "notes.md"), "# Travel\n\n## Norway\n\nThe fjords were carved by glaciers.\n")
	write(t, filepath.Join(root, "sub/plain.txt"), "Otters hold hands while sleeping.")
	write(t, filepath.Join(root, "report.pdf"), "%PDF-1.4 but no PDF after it")
	write(t, filepath.Join(root, "photo.png"), "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	write(t, filepath.Join(root, "binary.md"), "looks like text\x00\x01\x02")
	write(t, filepath.Join(root, "empty.txt"), "")
	write(t, filepath.Join(root, "node_modules/dep/readme.md"), "ignored dependency")
	must(t, os.Symlink(root, filepath.Join(root, "sub/loop"))) // a link loop
	src, err := s.AddSource(ctx, root)
	must(t, err)
	y := &docsync.Syncer{Store: s, Workers: 3}
	sum, err := y.Sync(ctx, src)
	must(t, err)
	got := states(t, s, src)
	want := map[string]ingest.Status{
		"notes.md": ingest.Indexed, "sub/plain.txt": ingest.Indexed, "report.pdf": ingest.Failed, "photo.png": ingest.Skipped,
		"binary.md": ingest.Skipped, "empty.txt": ingest.NoText, "node_modules": ingest.Skipped, "sub/loop": ingest.Skipped,
	}
	for rel, st := range want {
		if got[rel].Status != st {
			t.Errorf("%s: status %q (%s), want %q", rel, got[rel].Status, got[rel].Reason, st)
		}
		if st != ingest.Indexed && got[rel].Reason == "" {
			t.Errorf("%s: %s without a reason", rel, st)
		}
	}
	if len(got) != len(want) {
		t.Errorf("states = %v, want %d", got, len(want))
	}
	// Every regular file is opened by the parser, which decides its type;
	// only the ignored folder and the link are left out by the walk.
	if sum.Read != 6 {
		t.Errorf("summary = %+v, want 6 files read", sum)
	}
	h := hits(t, s, "glacier")
	if len(h) != 1 || h[0].Path != filepath.Join(root, "notes.md") || h[0].Location.Heading != "Travel > Norway" {
		t.Fatalf("search glacier = %+v", h)
	}
	text := "# Travel\n\n## Norway\n\nThe fjords were carved by glaciers.\n"
	if loc := h[0].Location; []rune(text)[loc.Start] != '#' || !strings.Contains(string([]rune(text)[loc.Start:loc.End]), "glaciers") {
		t.Fatalf("location %+v does not point at the passage", loc)
	}
}

func TestSyncIncremental(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	root := t.TempDir()
	for i := range 20 {
		write(t, filepath.Join(root, fmt.Sprintf("d%d/f%d.txt", i%4, i)), fmt.Sprintf("file number %d about token%d", i, i))
	}
	src, err := s.AddSource(ctx, root)
	must(t, err)
	y := &docsync.Syncer{Store: s}
	_, err = y.Sync(ctx, src)
	must(t, err)
	before := states(t, s, src)

	sum, err := y.Sync(ctx, src)
	must(t, err)
	if sum != (docsync.Summary{Seen: 20, Unchanged: 20}) {
		t.Fatalf("rescan of an unchanged folder = %+v", sum)
	}

	// Edit one, touch one, move one, delete one.
	write(t, filepath.Join(root, "d0/f0.txt"), "rewritten with pelican")
	touched := filepath.Join(root, "d1/f1.txt")
	later := time.Now().Add(time.Hour)
	must(t, os.Chtimes(touched, later, later))
	must(t, os.Rename(filepath.Join(root, "d2/f2.txt"), filepath.Join(root, "d3/moved.txt")))
	must(t, os.Remove(filepath.Join(root, "d3/f3.txt")))
	sum, err = y.Sync(ctx, src)
	must(t, err)
	if sum.Read != 1 || sum.Touched != 1 || sum.Moved != 1 || sum.Removed != 1 || sum.Unchanged != 16 {
		t.Fatalf("summary = %+v", sum)
	}
	after := states(t, s, src)
	if after["d3/moved.txt"].DocumentID != before["d2/f2.txt"].DocumentID || after["d1/f1.txt"].DocumentID != before["d1/f1.txt"].DocumentID {
		t.Fatal("a move or a touch re-read the file")
	}
	if h := hits(t, s, "token2"); len(h) != 1 || h[0].Path != filepath.Join(root, "d3/moved.txt") {
		t.Fatalf("moved file search = %+v", h)
	}
	if h := hits(t, s, "token3"); len(h) != 0 {
		t.Fatalf("deleted file still found: %+v", h)
	}
	if h := hits(t, s, "token0"); len(h) != 0 {
		t.Fatalf("old text of an edited file still found: %+v", h)
	}
	if h := hits(t, s, "pelican"); len(h) != 1 {
		t.Fatalf("new text of an edited file = %+v", h)
	}
}

func TestSyncFolderGone(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	root := filepath.Join(t.TempDir(), "drive")
	write(t, filepath.Join(root, "a.txt"), "kept while unplugged")
	src, err := s.AddSource(ctx, root)
	must(t, err)
	y := &docsync.Syncer{Store: s}
	_, err = y.Sync(ctx, src)
	must(t, err)
	must(t, os.RemoveAll(root))
	if _, err := y.Sync(ctx, src); err == nil || !strings.Contains(err.Error(), "cannot be read") {
		t.Fatalf("sync of a vanished folder = %v", err)
	}
	if h := hits(t, s, "unplugged"); len(h) != 1 {
		t.Fatalf("an unplugged folder's files were dropped: %+v", h)
	}
}

func TestSyncCancel(t *testing.T) {
	s, _ := newStore(t)
	root := t.TempDir()
	for i := range 200 {
		write(t, filepath.Join(root, fmt.Sprintf("f%03d.txt", i)), fmt.Sprintf("cancel test uniq%d", i))
	}
	src, err := s.AddSource(context.Background(), root)
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	y := &docsync.Syncer{Store: s, Workers: 2, Progress: func(p docsync.Progress) {
		if n++; n == 20 {
			cancel()
		}
	}}
	if _, err := y.Sync(ctx, src); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled sync = %v", err)
	}
	done := len(states(t, s, src))
	if done < 20 || done >= 200 {
		t.Fatalf("%d files recorded after a cancel at 20", done)
	}
	sum, err := y.Sync(context.Background(), src)
	must(t, err)
	if sum.Read != 200-done || sum.Unchanged != done {
		t.Fatalf("resume read %d, kept %d; %d were done", sum.Read, sum.Unchanged, done)
	}
	checkExactlyOnce(t, s, src, 200)
}

// checkExactlyOnce checks that n files are indexed, each with one
// document that search finds once, and no document is orphaned.
func checkExactlyOnce(t *testing.T, s *memory.Store, src memory.LibrarySource, n int) {
	t.Helper()
	got := states(t, s, src)
	if len(got) != n {
		t.Fatalf("%d files recorded, want %d", len(got), n)
	}
	docs, err := s.Documents(context.Background())
	must(t, err)
	if len(docs) != n {
		t.Fatalf("%d documents for %d files", len(docs), n)
	}
	for i := range n {
		if h := hits(t, s, fmt.Sprintf("uniq%d", i)); len(h) != 1 {
			t.Fatalf("uniq%d found %d times", i, len(h))
		}
	}
}
