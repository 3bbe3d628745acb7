package docsync_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory/docsync"
)

// TestIndexCorpus indexes the folder HEARTH_CORPUS names and reports the
// throughput and the time of a rescan; it is skipped without one.
//
//	HEARTH_CORPUS=/usr/share/doc go test ./memory/docsync -run TestIndexCorpus -v
func TestIndexCorpus(t *testing.T) {
	root := os.Getenv("HEARTH_CORPUS")
	if root == "" {
		t.Skip("set HEARTH_CORPUS to a folder to index")
	}
	ctx := context.Background()
	s, _ := newStore(t)
	src, err := s.AddSource(ctx, root)
	must(t, err)
	var last docsync.Progress
	y := &docsync.Syncer{Store: s, Progress: func(p docsync.Progress) { last = p }}
	began := time.Now()
	sum, err := y.Sync(ctx, src)
	must(t, err)
	took := time.Since(began)
	t.Logf("%+v in %v: %.0f files/s, %.1f MB/s", sum, took, float64(last.FilesDone)/took.Seconds(), float64(last.BytesDone)/1e6/took.Seconds())
	began = time.Now()
	sum, err = y.Sync(ctx, src)
	must(t, err)
	t.Logf("rescan: %+v in %v", sum, time.Since(began))
}
