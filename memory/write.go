package memory

import (
	"context"
	"database/sql"

	"github.com/hearth-app/hearth/memory/internal/index"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// Index log operations.
const (
	opPut    = 1
	opDelete = 2
)

// writeTx is one write transaction and the index changes it causes. The
// changes are logged in index_log inside the transaction and applied to
// the in-memory index after the commit.
type writeTx struct {
	tx      *sql.Tx
	key     *seal.Key
	puts    []index.Doc
	dels    []string
	lastSeq int64
	// chunkDels are chunks deleted, to leave the in-memory vector index.
	chunkDels []int64
	// chunkID is the id of the next chunk inserted; 0 until the first.
	chunkID int64
}

// index records that doc must be (re)indexed.
func (w *writeTx) index(ctx context.Context, doc index.Doc) error {
	if err := w.log(ctx, doc.ID, opPut); err != nil {
		return err
	}
	w.puts = append(w.puts, doc)
	return nil
}

// unindex records that the document id must leave the index.
func (w *writeTx) unindex(ctx context.Context, id string) error {
	if err := w.log(ctx, id, opDelete); err != nil {
		return err
	}
	w.dels = append(w.dels, id)
	return nil
}

func (w *writeTx) log(ctx context.Context, doc string, op int) error {
	err := w.tx.QueryRowContext(ctx, "INSERT INTO index_log(doc, op) VALUES(?, ?) RETURNING seq", doc, op).Scan(&w.lastSeq)
	return dbError("log index change", err)
}

// write runs f in the store's single write transaction and, after the
// commit, applies its index changes.
func (s *Store) write(ctx context.Context, op string, f func(*writeTx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	key, err := s.unlockedKey()
	if err != nil {
		return err
	}
	w := &writeTx{key: key}
	err = inTx(ctx, s.w, op, func(tx *sql.Tx) error {
		w.tx = tx
		return f(w)
	})
	if err != nil {
		return err
	}
	s.applyIndex(w)
	s.vectorsRemoved(w.chunkDels)
	return nil
}

// applyIndex brings the in-memory index up to date with a committed
// write. A failure cannot undo the commit: the index is marked stale, so
// it is not snapshotted and the next unlock replays the log.
func (s *Store) applyIndex(w *writeTx) {
	if w.lastSeq == 0 {
		return
	}
	ctx := context.Background()
	if s.idx == nil && s.opts.lazy && s.startFromSnapshot(ctx, w) {
		s.maybeSpill(ctx)
		return
	}
	if (s.idx == nil && s.opts.lazy) || (s.spilled() && len(w.dels) > 0) {
		// not loaded yet, or not whole: loading replays this write from the log
		load := s.loadIndex
		if s.spilled() {
			load = s.unspill
		}
		if err := load(ctx); err != nil {
			s.opts.log.Error("index load failed; will retry at the next search or write", "err", err)
		}
		return
	}
	if s.idx == nil {
		return
	}
	err := s.idx.Delete(w.dels...)
	if err == nil {
		err = s.idx.Put(w.puts...)
	}
	if err != nil {
		s.indexStale = true
		s.opts.log.Error("index update failed; will replay at next unlock", "err", err)
		return
	}
	s.applied = w.lastSeq
	if s.idx.NeedsCompact() { // chat adds one message per batch: merge tiny segments as they pile up
		if _, err := s.idx.Compact(ctx, s.fetchDocs(w.key)); err != nil {
			s.indexStale = true
			s.opts.log.Error("index compaction failed; will replay at next unlock", "err", err)
		}
	}
	s.maybeSpill(ctx)
}
