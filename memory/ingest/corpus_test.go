package ingest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestCorpus parses every file under $HEARTH_INGEST_CORPUS (say,
// /usr/share/doc) as a walk would, in parallel, and logs throughput and
// the reasons files were not indexed. It fails on a panic caught at the
// parser boundary. Skipped unless the variable is set:
//
//	HEARTH_INGEST_CORPUS=/usr/share/doc CGO_ENABLED=0 go test ./memory/ingest -run TestCorpus -v -timeout 30m
func TestCorpus(t *testing.T) {
	root := os.Getenv("HEARTH_INGEST_CORPUS")
	if root == "" {
		t.Skip("HEARTH_INGEST_CORPUS is not set")
	}
	paths, size := walkCorpus(root)
	p := sharedParser()
	start := time.Now()
	var mu sync.Mutex
	counts, reasons, chunks := map[Status]int{}, map[string]int{}, 0
	work := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range work {
				n := 0
				out := p.Parse(context.Background(), path, func(Chunk) error { n++; return nil })
				mu.Lock()
				counts[out.Status]++
				chunks += n
				if out.Status != Indexed {
					reasons[string(out.Status)+": "+out.Reason]++
				}
				if strings.Contains(out.Reason, "its parser failed") {
					t.Errorf("%s: %s", path, out.Reason)
				}
				mu.Unlock()
			}
		}()
	}
	for _, path := range paths {
		work <- path
	}
	close(work)
	wg.Wait()
	el := time.Since(start).Seconds()
	t.Logf("%d files, %.1f MB in %.1f s: %.0f files/s, %.1f MB/s, %d chunks; %v", len(paths), float64(size)/1e6, el, float64(len(paths))/el, float64(size)/1e6/el, chunks, counts)
	logTop(t, reasons, 20)
}

// walkCorpus lists the regular files under root that the default ignore
// rules keep, and their total size.
func walkCorpus(root string) ([]string, int64) {
	ig := NewIgnorer()
	var paths []string
	var size int64
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		if err != nil || rel == "." {
			return nil
		}
		if skip, _ := ig.Skip(rel, d.IsDir()); skip && d.IsDir() {
			return filepath.SkipDir
		} else if skip || !d.Type().IsRegular() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			paths, size = append(paths, p), size+fi.Size()
		}
		return nil
	})
	return paths, size
}

// logTop logs the n most frequent reasons.
func logTop(t *testing.T, reasons map[string]int, n int) {
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return reasons[keys[i]] > reasons[keys[j]] })
	for _, k := range keys[:min(n, len(keys))] {
		t.Logf("%6d %s", reasons[k], k)
	}
}
