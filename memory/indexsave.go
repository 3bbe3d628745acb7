package memory

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/hearth-app/hearth/memory/internal/index"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// SaveIndex writes the sealed index snapshot now (Close and Lock do it
// too), so the next unlock loads it instead of replaying changes. The
// app may call it when idle.
func (s *Store) SaveIndex(ctx context.Context) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.state(); err != nil {
		return err
	}
	return s.saveIndexLocked(ctx)
}

// saveIndexLocked merges small segments, purges deleted documents and
// stores the snapshot in one transaction, then trims the index log. The
// caller holds wmu; s.mu may be held too, so it is not taken here.
func (s *Store) saveIndexLocked(ctx context.Context) error {
	_, err := s.saveSnapshot(ctx)
	return err
}

// saveSnapshot does saveIndexLocked's work and returns the segments of
// the snapshot it stored: nil when it stored none. A spilled index
// (indexspill.go) is stored after the saved segments it leaves out.
func (s *Store) saveSnapshot(ctx context.Context) ([]segState, error) {
	if s.opts.noSnap || s.idx == nil || s.key == nil || s.indexStale {
		return nil, nil
	}
	fetch := s.fetchDocs(s.key)
	for i := 0; i < 64 && s.idx.NeedsCompact(); i++ {
		if _, err := s.idx.Compact(ctx, fetch); err != nil {
			return nil, fmt.Errorf("save index: %w", err)
		}
	}
	if _, err := s.idx.Purge(ctx, fetch); err != nil {
		return nil, fmt.Errorf("save index: %w", err)
	}
	snap, err := s.idx.Snapshot()
	if err != nil {
		return nil, fmt.Errorf("save index: %w", err)
	}
	var segs []segState
	err = inTx(ctx, s.w, "save index", func(tx *sql.Tx) error {
		segs, err = writeSnapshot(ctx, tx, s.key, s.base, snap, s.applied, s.rawSegs)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.idx.Saved(snap)
	for _, seg := range snap.Segments {
		if seg.Unsaved {
			delete(s.rawSegs, seg.Key)
		}
	}
	return segs, nil
}

// writeSnapshot stores the snapshot: the saved segments base (those of a
// spilled index, left out of snap) then snap's. It returns them all.
func writeSnapshot(ctx context.Context, tx *sql.Tx, key *seal.Key, base []segState, snap index.Snapshot, applied int64, raw map[uint64]bool) ([]segState, error) {
	st := indexState{Format: indexFormat, Applied: applied, Segments: slices.Clone(base)}
	keep := map[int64]bool{}
	for _, seg := range base {
		keep[int64(seg.Key)] = true
	}
	for _, seg := range snap.Segments {
		st.Segments = append(st.Segments, segState{Key: seg.Key, Deleted: seg.Deleted, Packed: !raw[seg.Key] || seg.Unsaved})
		keep[int64(seg.Key)] = true
		if err := writeSegment(ctx, tx, key, seg); err != nil {
			return nil, err
		}
	}
	if err := dropSegments(ctx, tx, keep); err != nil {
		return nil, err
	}
	rec, err := sealJSON(key, colIndexState, 1, st)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO index_state(id, state) VALUES(1, ?)", rec); err != nil {
		return nil, dbError("save index state", err)
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM index_log WHERE seq <= ?", applied)
	return st.Segments, dbError("trim index log", err)
}

// writeSegment stores an unsaved segment compressed and sealed. Segments
// are encoded one at a time, so saving never holds a second copy of the
// whole index.
func writeSegment(ctx context.Context, tx *sql.Tx, key *seal.Key, seg index.Segment) error {
	data, err := seg.Bytes()
	if err != nil || data == nil {
		return err
	}
	packed := deflate(data)
	clear(data)
	rec := key.Seal(colIndexSegment.place(int64(seg.Key)), packed)
	clear(packed)
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO index_segments(id, data) VALUES(?, ?)", int64(seg.Key), rec); err != nil {
		return dbError("save index segment", err)
	}
	return nil
}

// dropSegments deletes stored segments the snapshot no longer uses.
func dropSegments(ctx context.Context, tx *sql.Tx, keep map[int64]bool) error {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM index_segments")
	if err != nil {
		return dbError("list index segments", err)
	}
	var drop []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return dbError("list index segments", err)
		}
		if !keep[id] {
			drop = append(drop, id)
		}
	}
	rows.Close()
	for _, id := range drop {
		if _, err := tx.ExecContext(ctx, "DELETE FROM index_segments WHERE id = ?", id); err != nil {
			return dbError("drop index segment", err)
		}
	}
	return dbError("list index segments", rows.Err())
}
