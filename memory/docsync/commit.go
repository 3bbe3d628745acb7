package docsync

import (
	"context"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/ingest"
)

// unfinished is the reason a file committed in parts carries until its
// last part is in: seen after a crash, it says why the file is read again.
const unfinished = "indexing of this file was interrupted; it is read again at the next scan"

// committer gathers one file's chunks and commits them: all at once for
// a file whose text fits in limit bytes, else in parts, the file marked
// unfinished (failed, with no time, so the next run reads it again)
// until FinishFile records its real state.
type committer struct {
	store  *memory.Store
	limit  int
	st     memory.FileState // the file's state; its ID once a part is committed
	chunks []ingest.Chunk
	bytes  int
	staged bool
	err    error // a store failure, which stops the parser
}

// add takes one chunk, committing a part when the held text passes limit.
func (c *committer) add(ctx context.Context, ch ingest.Chunk) error {
	c.chunks = append(c.chunks, ch)
	c.bytes += len(ch.Text)
	if c.bytes < c.limit {
		return nil
	}
	if !c.staged {
		part := c.st
		part.Status, part.Reason, part.ModTime = ingest.Failed, unfinished, 0
		var st memory.FileState
		st, c.err = c.store.PutFile(ctx, part, c.chunks)
		c.st.ID, c.staged = st.ID, c.err == nil
	} else {
		c.err = c.store.AppendChunks(ctx, c.st.ID, c.chunks)
	}
	c.chunks, c.bytes = nil, 0
	return c.err
}

// whole returns the file with final state st as one FilePut, unless
// parts of it are already committed. A file that did not end indexed
// keeps no chunks.
func (c *committer) whole(st memory.FileState) (memory.FilePut, bool) {
	if c.staged {
		return memory.FilePut{}, false
	}
	if st.Status != ingest.Indexed {
		return memory.FilePut{State: st}, true
	}
	return memory.FilePut{State: st, Chunks: c.chunks}, true
}

// finish records the final state st of a file committed in parts: its
// last chunks, or, when it did not end indexed, none at all (the parts
// committed are dropped).
func (c *committer) finish(ctx context.Context, st memory.FileState) (memory.FileState, error) {
	if st.Status != ingest.Indexed {
		return c.store.PutFile(ctx, st, nil)
	}
	if len(c.chunks) > 0 {
		if err := c.store.AppendChunks(ctx, c.st.ID, c.chunks); err != nil {
			return st, err
		}
	}
	return c.store.FinishFile(ctx, c.st.ID, st)
}
