package memory

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/memory/internal/index"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// logEntry is one row of index_log.
type logEntry struct {
	doc string
	op  int
}

// readLog returns the index_log entries after seq and the last seq read
// (seq itself when there are none).
func (s *Store) readLog(ctx context.Context, seq int64) ([]logEntry, int64, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT seq, doc, op FROM index_log WHERE seq > ? ORDER BY seq", seq)
	if err != nil {
		return nil, 0, dbError("read index log", err)
	}
	defer rows.Close()
	var entries []logEntry
	for rows.Next() {
		var e logEntry
		if err := rows.Scan(&seq, &e.doc, &e.op); err != nil {
			return nil, 0, dbError("read index log", err)
		}
		entries = append(entries, e)
	}
	return entries, seq, dbError("read index log", rows.Err())
}

// replayLog applies to idx the changes logged after seq applied. It
// returns the last seq applied and how many entries were replayed.
// Consecutive puts are indexed as one batch.
func (s *Store) replayLog(ctx context.Context, key *seal.Key, idx *index.Index, applied int64) (int64, int, error) {
	entries, last, err := s.readLog(ctx, applied)
	if err != nil {
		return 0, 0, err
	}
	var puts []index.Doc
	for _, e := range entries {
		if e.op == opDelete {
			if err := idx.Put(puts...); err != nil {
				return 0, 0, err
			}
			puts = nil
			if err := idx.Delete(e.doc); err != nil {
				return 0, 0, err
			}
			continue
		}
		d, ok, err := s.fetchDoc(ctx, key, e.doc)
		if err != nil {
			return 0, 0, err
		}
		if ok {
			puts = append(puts, d)
		}
	}
	return last, len(entries), idx.Put(puts...)
}

// fetchDoc reads and decrypts the record behind a document id; ok is
// false when it no longer exists (or, for a memory, was edited since).
func (s *Store) fetchDoc(ctx context.Context, key *seal.Key, doc string) (index.Doc, bool, error) {
	if id, ok := parseMemoryDoc(doc); ok {
		row := s.r.QueryRowContext(ctx, "SELECT id, rev, body FROM memories WHERE id = ?", id)
		m, rev, err := scanMemory(row, key)
		if err != nil || memoryDoc(id, rev) != doc {
			return index.Doc{}, false, ignoreNotFound(err)
		}
		return index.Doc{ID: doc, Kind: KindMemory, Text: m.Text}, true, nil
	}
	if id, ok := parseChunkDoc(doc); ok {
		return s.fetchChunk(ctx, key, id)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(doc, "m"), 10, 64)
	if err != nil {
		return index.Doc{}, false, nil // a foreign entry: nothing to index
	}
	row := s.r.QueryRowContext(ctx, "SELECT id, conversation_id, parent_id, body FROM messages WHERE id = ?", id)
	m, err := scanMessage(row, key)
	if err != nil {
		return index.Doc{}, false, ignoreNotFound(err)
	}
	return index.Doc{ID: doc, Kind: KindMessage, Text: m.Text}, true, nil
}

// fetchDocs is index.Fetch over the store's rows.
func (s *Store) fetchDocs(key *seal.Key) index.Fetch {
	return func(ctx context.Context, ids []string) ([]index.Doc, error) {
		var out []index.Doc
		for _, id := range ids {
			d, ok, err := s.fetchDoc(ctx, key, id)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, d)
			}
		}
		return out, nil
	}
}

func ignoreNotFound(err error) error {
	if errors.Is(err, ErrNotFound) || errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}
