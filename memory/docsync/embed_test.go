package docsync_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
)

// hashEmbedder is a deterministic pure-Go embedder (memory never imports
// the engine; app's tests run the real one): each word adds to the
// component its hash picks. It counts the texts it embeds.
type hashEmbedder struct {
	dim   int
	delay time.Duration
	texts atomic.Int64
}

func (h *hashEmbedder) Model(context.Context) (memory.VectorModel, error) {
	return memory.VectorModel{Name: "hash", Dim: h.dim}, nil
}

func (h *hashEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	time.Sleep(h.delay)
	h.texts.Add(int64(len(texts)))
	out := make([][]float32, len(texts))
	for i, t := range texts {
		v := make([]float32, h.dim)
		v[0] = 0.01
		for _, w := range strings.Fields(strings.ToLower(t)) {
			f := fnv.New32a()
			f.Write([]byte(w))
			v[f.Sum32()%uint32(h.dim)]++
		}
		out[i] = v
	}
	return out, ctx.Err()
}

func (h *hashEmbedder) EmbedQuery(ctx context.Context, q []string) ([][]float32, error) {
	return h.Embed(ctx, q)
}

// syncFiles writes n files under a new folder and keyword-indexes it.
func syncFiles(t *testing.T, s *memory.Store, n int) memory.LibrarySource {
	t.Helper()
	ctx := context.Background()
	root := t.TempDir()
	for i := range n {
		write(t, filepath.Join(root, fmt.Sprintf("f%04d.md", i)), fmt.Sprintf("# File %d\n\nwords about topic%d uniq%d\n", i, i%5, i))
	}
	src, err := s.AddSource(ctx, root)
	must(t, err)
	_, err = (&docsync.Syncer{Store: s}).Sync(ctx, src)
	must(t, err)
	return src
}

func TestEmbedPass(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	syncFiles(t, s, 100)
	e := &hashEmbedder{dim: 16}
	var last docsync.EmbedProgress
	calls := 0
	n, err := docsync.Embed(ctx, s, e, func(p docsync.EmbedProgress) { last = p; calls++ })
	must(t, err)
	if n != 100 || e.texts.Load() != 100 || last.Percent() != 100 || calls != 4 {
		t.Fatalf("embedded %d (%d texts), %d progress calls, last %+v", n, e.texts.Load(), calls, last)
	}
	if n, err = docsync.Embed(ctx, s, e, nil); err != nil || n != 0 {
		t.Fatalf("a second pass embedded %d (%v)", n, err)
	}
	hits, err := s.SearchDocumentsWith(ctx, e, "uniq42", 5)
	must(t, err)
	if len(hits) == 0 || !strings.Contains(hits[0].Text, "uniq42") {
		t.Fatalf("hybrid search = %+v", hits)
	}
}

func TestEmbedCancelled(t *testing.T) {
	s, _ := newStore(t)
	syncFiles(t, s, 100)
	ctx, cancel := context.WithCancel(context.Background())
	n, err := docsync.Embed(ctx, s, &hashEmbedder{dim: 8}, func(p docsync.EmbedProgress) { cancel() })
	if !errors.Is(err, context.Canceled) || n != docsync.EmbedBatch {
		t.Fatalf("cancelled pass = %d, %v; want one batch and context.Canceled", n, err)
	}
	cov, err := s.VectorCoverage(context.Background(), memory.VectorModel{Name: "hash", Dim: 8})
	must(t, err)
	if cov.Embedded != docsync.EmbedBatch {
		t.Fatalf("coverage after cancel = %+v", cov)
	}
}

const embedChildEnv = "HEARTH_DOCSYNC_EMBED_CHILD"

// TestEmbedHelperProcess is not a test: it is the child
// TestKillDuringEmbed starts and kills. It prints a line per batch.
func TestEmbedHelperProcess(t *testing.T) {
	dir := os.Getenv(embedChildEnv)
	if dir == "" {
		t.Skip("child process only")
	}
	ctx := context.Background()
	s, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...)
	if err == nil {
		_, err = docsync.Embed(ctx, s, &hashEmbedder{dim: 32, delay: 5 * time.Millisecond},
			func(p docsync.EmbedProgress) { fmt.Println("done", p.Embedded) })
	}
	fmt.Fprintln(os.Stderr, "child:", err)
	os.Exit(3)
}

// TestKillDuringEmbed kills a real embedding process with SIGKILL twice,
// then resumes: the resumed pass embeds exactly the chunks the killed
// ones had not committed, so no chunk is embedded twice after a commit.
func TestKillDuringEmbed(t *testing.T) {
	const files = 600
	ctx := context.Background()
	s, dir := newStore(t)
	syncFiles(t, s, files)
	must(t, s.Close())
	for round, after := range []int{3, 8} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestEmbedHelperProcess$")
		cmd.Env = append(os.Environ(), embedChildEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		must(t, err)
		must(t, cmd.Start())
		sc := bufio.NewScanner(out)
		for n := 0; n < after && sc.Scan(); n++ {
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		t.Logf("round %d: killed after %d batches", round, after)
	}
	s, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...)
	must(t, err)
	defer s.Close()
	e := &hashEmbedder{dim: 32}
	m, _ := e.Model(ctx)
	cov, err := s.VectorCoverage(ctx, m)
	must(t, err)
	if cov.Embedded == 0 || cov.Embedded >= cov.Chunks || cov.Chunks != files {
		t.Fatalf("coverage before the resume = %+v: the kills did not interrupt a pass", cov)
	}
	n, err := docsync.Embed(ctx, s, e, nil)
	must(t, err)
	if n != files-cov.Embedded || int(e.texts.Load()) != n {
		t.Fatalf("resume embedded %d (%d texts) after %d of %d were done", n, e.texts.Load(), cov.Embedded, files)
	}
	if got, err := s.LoadVectors(ctx, m); err != nil || got != files {
		t.Fatalf("loaded %d vectors (%v), want %d", got, err, files)
	}
}
