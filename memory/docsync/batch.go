package docsync

import (
	"context"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// Limits of one batch of files committed together.
const (
	batchFiles = 64
	batchBytes = 4 << 20
	batchWait  = 100 * time.Millisecond
)

// pendingFile is a file read and waiting for its batch's commit.
type pendingFile struct {
	put   memory.FilePut
	e     entry
	count func(*Summary)
}

// batcher commits finished files in small batches, one transaction
// each, so the store's fixed cost per commit (sync to disk, a new index
// segment) is shared. A file counts as done once its batch commits; a
// crash loses at most the files of the batch in flight, and the next
// run reads those again. While a batch commits, one more file may wait
// and the workers that read others wait to hand them over: the text
// held in memory stays about one batch plus one file per worker,
// however far parsing runs ahead of indexing (a queue of 64 files of
// PDF text, as before, could hold hundreds of megabytes).
type batcher struct {
	r    *run
	in   chan pendingFile
	done chan error
}

func newBatcher(ctx context.Context, r *run) *batcher {
	b := &batcher{r: r, in: make(chan pendingFile, 1), done: make(chan error, 1)}
	go func() { b.done <- b.loop(context.WithoutCancel(ctx)) }()
	return b
}

// submit hands a file to the batch; false when the run is stopping.
func (b *batcher) submit(ctx context.Context, p pendingFile) bool {
	select {
	case b.in <- p:
		return true
	case <-ctx.Done():
		return false
	}
}

// close commits what is pending and returns the first commit error.
func (b *batcher) close() error {
	close(b.in)
	return <-b.done
}

// loop commits batches until in is closed. It commits with a context
// that a cancelled run does not cancel: the files pending were read in
// full, and a clean stop keeps them.
func (b *batcher) loop(ctx context.Context) error {
	var batch []pendingFile
	size := 0
	var firstErr error
	flush := func() {
		if len(batch) > 0 && firstErr == nil {
			firstErr = b.commit(ctx, batch)
		}
		batch, size = nil, 0
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case p, ok := <-b.in:
			if !ok {
				flush()
				return firstErr
			}
			if len(batch) == 0 {
				timer.Reset(batchWait)
			}
			batch = append(batch, p)
			for _, c := range p.put.Chunks {
				size += len(c.Text)
			}
			if len(batch) >= batchFiles || size >= batchBytes {
				flush()
			}
		case <-timer.C:
			flush()
		}
	}
}

func (b *batcher) commit(ctx context.Context, batch []pendingFile) error {
	puts := make([]memory.FilePut, len(batch))
	for i, p := range batch {
		puts[i] = p.put
	}
	if _, err := b.r.y.Store.PutFiles(ctx, puts); err != nil {
		b.r.cancel(err)
		return err
	}
	for _, p := range batch {
		b.r.done(p.e, p.count)
	}
	return nil
}
