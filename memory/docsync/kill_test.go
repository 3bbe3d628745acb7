package docsync_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
)

const (
	childEnv = "HEARTH_DOCSYNC_CHILD"
	spillEnv = "HEARTH_DOCSYNC_SPILL" // the child opens the store as the command line does, spilling often
)

// spillOpts open a store lazily, as the command line does, with an
// index that is saved and dropped every 8 KiB of segments.
func spillOpts() []memory.Option {
	return []memory.Option{memory.WithLazyIndex(), memory.WithSpillSize(8 << 10)}
}

// TestHelperProcess is not a test: it is the child TestKillDuringSync
// starts and kills. It syncs the folder, printing a line per file.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(childEnv)
	if dir == "" {
		t.Skip("child process only")
	}
	ctx := context.Background()
	opts := testOpts()
	if os.Getenv(spillEnv) != "" {
		opts = append(opts, spillOpts()...)
	}
	s, err := memory.Open(ctx, dir, memory.Passphrase(pass), opts...)
	if err == nil {
		var src memory.LibrarySource
		if src, err = s.SourceByPath(ctx, os.Getenv("HEARTH_DOCSYNC_ROOT")); err == nil {
			y := &docsync.Syncer{Store: s, Workers: 4, Progress: func(p docsync.Progress) { fmt.Println("done", p.FilesDone) }}
			_, err = y.Sync(ctx, src)
		}
	}
	fmt.Fprintln(os.Stderr, "child:", err)
	os.Exit(3)
}

// TestKillDuringSync kills a real indexing process with SIGKILL several
// times, then resumes: every file must be indexed exactly once. It runs
// with the index kept whole in memory and with it spilled often.
func TestKillDuringSync(t *testing.T) {
	t.Run("whole", func(t *testing.T) { killDuringSync(t, false) })
	t.Run("spilled", func(t *testing.T) { killDuringSync(t, true) })
}

func killDuringSync(t *testing.T, spill bool) {
	const files = 600
	ctx := context.Background()
	s, dir := newStore(t)
	root := t.TempDir()
	for i := range files {
		write(t, filepath.Join(root, fmt.Sprintf("d%d/f%04d.md", i%7, i)),
			fmt.Sprintf("# File %d\n\n%s uniq%d\n", i, strings.Repeat("padding words for the chunker. ", 40), i))
	}
	src, err := s.AddSource(ctx, root)
	must(t, err)
	must(t, s.Close())
	for round, after := range []int{30, 120, 250} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), childEnv+"="+dir, "HEARTH_DOCSYNC_ROOT="+root)
		if spill {
			cmd.Env = append(cmd.Env, spillEnv+"=1")
		}
		out, err := cmd.StdoutPipe()
		must(t, err)
		must(t, cmd.Start())
		sc := bufio.NewScanner(out)
		for n := 0; n < after && sc.Scan(); n++ {
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		t.Logf("round %d: killed after %d files", round, after)
	}
	opts := testOpts()
	if spill {
		opts = append(opts, spillOpts()...)
	}
	s, err = memory.Open(ctx, dir, memory.Passphrase(pass), opts...)
	must(t, err)
	defer s.Close()
	before := len(states(t, s, src))
	if before == 0 || before >= files {
		t.Fatalf("%d files recorded before the resume: the kills did not interrupt a run", before)
	}
	y := &docsync.Syncer{Store: s}
	sum, err := y.Sync(ctx, src)
	must(t, err)
	if sum.Unchanged != before || sum.Read != files-before {
		t.Fatalf("resume = %+v after %d files were done", sum, before)
	}
	checkExactlyOnce(t, s, src, files)
}

// TestRescanUnchangedFast measures a rescan of an unchanged library of
// thousands of files: the target is under a second.
func TestRescanUnchangedFast(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 500
	}
	ctx := context.Background()
	s, _ := newStore(t)
	root := t.TempDir()
	for i := range n {
		write(t, filepath.Join(root, fmt.Sprintf("d%02d/f%05d.txt", i%50, i)), fmt.Sprintf("small file uniq%d", i))
	}
	src, err := s.AddSource(ctx, root)
	must(t, err)
	y := &docsync.Syncer{Store: s}
	began := time.Now()
	_, err = y.Sync(ctx, src)
	must(t, err)
	first := time.Since(began)
	began = time.Now()
	sum, err := y.Sync(ctx, src)
	must(t, err)
	again := time.Since(began)
	t.Logf("%d files: first sync %v (%.0f files/s), rescan unchanged %v", n, first, float64(n)/first.Seconds(), again)
	if sum.Unchanged != n || sum.Read != 0 {
		t.Fatalf("rescan = %+v", sum)
	}
	if again > time.Second {
		t.Fatalf("rescan of %d unchanged files took %v, want under 1s", n, again)
	}
}
