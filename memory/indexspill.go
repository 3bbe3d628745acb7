package memory

import (
	"context"
	"fmt"

	"github.com/hearth-app/hearth/memory/internal/index"
)

// spillSize is how many bytes of segments the in-memory index of a store
// opened WithLazyIndex may hold before they are saved and dropped.
const spillSize = 48 << 20

// A store opened WithLazyIndex (the command line) mostly writes: `docs
// add` of a large folder used to keep its whole index in memory until
// Close, which was most of its peak memory. So once the index in memory
// holds spillSize bytes of segments, it is saved as a snapshot like at
// Close (sealed, in one transaction, with the index log trimmed) and
// dropped; a fresh, empty index takes the new documents, and s.base
// lists the saved segments it leaves out. The next snapshot stores base,
// then the new index's segments. The first write to a store whose index
// is not loaded starts the same way, on top of the stored snapshot, when
// it only adds documents.
//
// A spilled index can take new documents only. Anything else loads the
// whole index first (unspill): a search (it must see every segment), a
// deletion (a deleted document may live in a segment not in memory, and
// a snapshot must not keep deleted text: saving purges it), and then the
// store stops spilling, so that a run of edits does not load the index
// again and again.

// spilled reports whether the in-memory index leaves saved segments out.
// The caller holds wmu or mu.
func (s *Store) spilled() bool { return s.base != nil }

// maybeSpill saves and drops the in-memory index once it has grown past
// spillSize. The caller holds wmu.
func (s *Store) maybeSpill(ctx context.Context) {
	if !s.opts.lazy || s.noSpill || s.opts.noSnap || s.idx == nil || s.indexStale {
		return
	}
	if n, err := s.idx.Size(); err != nil || n < s.opts.spill {
		return
	}
	segs, err := s.saveSnapshot(ctx)
	if err == nil && segs == nil {
		err = fmt.Errorf("no snapshot was saved")
	}
	if err != nil {
		s.noSpill = true
		s.opts.log.Warn("index not spilled; it stays in memory", "err", err)
		return
	}
	if err := s.startSpilled(segs); err != nil {
		s.noSpill = true
		s.opts.log.Warn("index not spilled; it stays in memory", "err", err)
	}
}

// startSpilled replaces the in-memory index with an empty one on top of
// the saved segments segs. The caller holds wmu.
func (s *Store) startSpilled(segs []segState) error {
	idx, err := index.New()
	if err != nil {
		return err
	}
	var next uint64
	for _, seg := range segs {
		next = max(next, seg.Key+1)
	}
	idx.KeysFrom(next)
	if segs == nil {
		segs = []segState{}
	}
	s.mu.Lock()
	old := s.idx
	s.idx, s.base = idx, segs
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return nil
}

// unspill loads the whole index in place of a spilled one: it saves the
// spilled one (unless it is stale; the log then still holds its changes)
// and loads the snapshot, replaying the log after it. The store spills
// no more. The caller holds wmu.
func (s *Store) unspill(ctx context.Context) error {
	s.noSpill = true
	if _, err := s.saveSnapshot(ctx); err != nil {
		s.indexStale = true // the snapshot of the last spill and the log stay right
		s.opts.log.Warn("spilled index not saved; loading from the last snapshot", "err", err)
	}
	s.mu.Lock()
	old := s.idx
	s.idx, s.base = nil, nil
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return s.loadIndex(ctx)
}

// startFromSnapshot begins a store's first write, when its index is not
// loaded, with a spilled index on top of the stored snapshot, if the
// write only adds documents and the log after the snapshot holds no
// deletion. It reports whether it did; when not, the caller loads the
// index. The caller holds wmu.
func (s *Store) startFromSnapshot(ctx context.Context, w *writeTx) bool {
	if !s.opts.lazy || s.noSpill || s.opts.noSnap || len(w.dels) > 0 {
		return false
	}
	st, err := s.readState(ctx, w.key)
	if err != nil {
		return false // loadIndex says why, or rebuilds
	}
	entries, _, err := s.readLog(ctx, st.Applied)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if e.op == opDelete {
			return false
		}
	}
	if err := s.startSpilled(st.Segments); err != nil {
		return false
	}
	last, _, err := s.replayLog(ctx, w.key, s.idx, st.Applied)
	if err != nil {
		s.mu.Lock()
		s.idx.Close()
		s.idx, s.base = nil, nil
		s.mu.Unlock()
		return false
	}
	s.applied, s.indexStale = last, false
	return true
}
