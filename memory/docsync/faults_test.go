package docsync_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory/docsync"
	"github.com/hearth-app/hearth/memory/ingest"
)

// TestLargeFileInParts indexes a file much larger than the batch size:
// it is committed in parts, ends as one indexed document with every
// chunk, and a rescan leaves it alone.
func TestLargeFileInParts(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	root := t.TempDir()
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "Line %d of a long plain text file about nothing much.\n", i)
		if i%10 == 9 {
			b.WriteString("\n")
		}
	}
	b.WriteString("The last line mentions a quetzal.\n")
	write(t, filepath.Join(root, "big.txt"), "A first line about an ibis.\n"+b.String())
	src, err := s.AddSource(ctx, root)
	must(t, err)
	var peak atomic.Uint64
	stop := sampleHeap(&peak)
	y := &docsync.Syncer{Store: s, BatchBytes: 16 << 10, Workers: 1}
	began := time.Now()
	_, err = y.Sync(ctx, src)
	stop()
	must(t, err)
	size := len(b.String()) + 28
	t.Logf("%.1f MB in %v, peak heap %.0f MB", float64(size)/1e6, time.Since(began), float64(peak.Load())/1e6)
	st := states(t, s, src)["big.txt"]
	if st.Status != ingest.Indexed || st.ModTime == 0 || st.Chunks < size/1600 {
		t.Fatalf("big file state = %+v", st)
	}
	docs, err := s.Documents(ctx)
	must(t, err)
	if len(docs) != 1 {
		t.Fatalf("%d documents for one file", len(docs))
	}
	if len(hits(t, s, "ibis")) != 1 || len(hits(t, s, "quetzal")) != 1 {
		t.Fatal("the first or last part of the big file is not searchable")
	}
	sum, err := y.Sync(ctx, src)
	must(t, err)
	if sum.Unchanged != 1 || sum.Read != 0 {
		t.Fatalf("rescan = %+v", sum)
	}
}

// sampleHeap records the peak heap in use until the returned func runs.
func sampleHeap(peak *atomic.Uint64) func() {
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() { close(done) }
}

// TestFileRewrittenWhileRead: a file that changes while it is parsed is
// recorded as failed with that reason, and read again at the next scan.
func TestFileRewrittenWhileRead(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	root := t.TempDir()
	path := filepath.Join(root, "live.txt")
	write(t, path, "first version about a gannet")
	src, err := s.AddSource(ctx, root)
	must(t, err)
	var rewrites atomic.Int32
	parse := func(ctx context.Context, p string, emit func(ingest.Chunk) error) ingest.Outcome {
		if rewrites.Add(1) == 1 {
			later := time.Now().Add(time.Minute)
			write(t, p, "second, longer version about a grebe")
			must(t, os.Chtimes(p, later, later))
		}
		return docsync.PlainText(ctx, p, emit)
	}
	y := &docsync.Syncer{Store: s, Parse: parse}
	_, err = y.Sync(ctx, src)
	must(t, err)
	st := states(t, s, src)["live.txt"]
	if st.Status != ingest.Failed || !strings.Contains(st.Reason, "changed while it was being read") || len(hits(t, s, "gannet")) != 0 {
		t.Fatalf("state after a rewrite mid-read = %+v", st)
	}
	sum, err := y.Sync(ctx, src)
	must(t, err)
	if st := states(t, s, src)["live.txt"]; sum.Read != 1 || st.Status != ingest.Indexed || len(hits(t, s, "grebe")) != 1 {
		t.Fatalf("next scan = %+v, state %+v", sum, st)
	}
}

// TestFolderVanishesMidRun: an unplugged drive stops the run with one
// sentence; what was indexed before stays, nothing is recorded as
// deleted or failed, and the next run with the drive back completes.
func TestFolderVanishesMidRun(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	base := t.TempDir()
	root := filepath.Join(base, "drive")
	for i := range 40 {
		write(t, filepath.Join(root, fmt.Sprintf("f%02d.txt", i)), fmt.Sprintf("drive file uniq%d", i))
	}
	src, err := s.AddSource(ctx, root)
	must(t, err)
	aside := filepath.Join(base, "unplugged")
	var n atomic.Int32
	parse := func(ctx context.Context, p string, emit func(ingest.Chunk) error) ingest.Outcome {
		if n.Add(1) == 10 {
			must(t, os.Rename(root, aside))
		}
		return docsync.PlainText(ctx, p, emit)
	}
	y := &docsync.Syncer{Store: s, Parse: parse, Workers: 1}
	_, err = y.Sync(ctx, src)
	if err == nil || !strings.Contains(err.Error(), "disappeared during the scan") {
		t.Fatalf("sync when the folder vanished = %v", err)
	}
	got := states(t, s, src)
	for rel, st := range got {
		if st.Status != ingest.Indexed {
			t.Fatalf("%s recorded as %s (%s) when its folder vanished", rel, st.Status, st.Reason)
		}
	}
	if len(got) != 9 {
		t.Fatalf("%d files recorded, want the 9 read before the folder vanished", len(got))
	}
	must(t, os.Rename(aside, root))
	_, err = (&docsync.Syncer{Store: s}).Sync(ctx, src)
	must(t, err)
	checkExactlyOnce(t, s, src, 40)
}
