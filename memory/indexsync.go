package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/memory/internal/index"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// indexState is the sealed description of the saved index snapshot.
type indexState struct {
	Format   int        `json:"v"` // indexFormat of the writer
	Applied  int64      `json:"a"` // last index_log seq the snapshot reflects
	Segments []segState `json:"s"`
}

type segState struct {
	Key     uint64   `json:"k"`
	Deleted []string `json:"d,omitempty"`
	// Packed is set when the stored segment is DEFLATE-compressed; the
	// segments of snapshots written before compression are not.
	Packed bool `json:"z,omitempty"`
}

// maxSegment bounds a stored segment's size once inflated.
const maxSegment = 1 << 32

// indexFormat versions the index mapping and analysis. A snapshot of
// another format is not loaded: the index is rebuilt from the rows.
// Document chunks (schema v3) live in a field of their own, so format 1
// snapshots stay valid: no store of schema v2 held library chunks.
const indexFormat = 1

// rebuildBatch is the number of documents indexed per batch in a full
// rebuild: one segment each.
const rebuildBatch = 2048

// loadIndex makes the in-memory index current: it loads the sealed
// snapshot and replays the changes logged after it, or rebuilds from the
// rows when there is no usable snapshot. The caller holds wmu.
func (s *Store) loadIndex(ctx context.Context) error {
	key := s.key
	idx, applied, err := s.loadSnapshot(ctx, key)
	if s.opts.noSnap && err == nil {
		idx.Close()
		err = errNoSnapshot
	}
	rebuilt := err != nil
	if rebuilt {
		if !errors.Is(err, errNoSnapshot) {
			s.opts.log.Warn("index snapshot unusable, rebuilding from the store", "err", err)
		}
		s.rawSegs = nil
		if idx, applied, err = s.rebuildIndex(ctx, key); err != nil {
			return err
		}
	}
	last, replayed, err := s.replayLog(ctx, key, idx, applied)
	if err != nil {
		idx.Close()
		return err
	}
	s.mu.Lock()
	s.idx, s.applied, s.indexStale = idx, last, false
	s.mu.Unlock()
	if n, err := idx.Size(); err == nil && n >= s.opts.spill {
		s.noSpill = true // loaded whole, it stays: spilling would load it again at the next change
	}
	s.opts.log.Debug("index ready", "rebuilt", rebuilt, "replayed", replayed)
	if rebuilt || replayed > 1000 {
		return s.saveIndexLocked(ctx)
	}
	return nil
}

var errNoSnapshot = errors.New("no index snapshot")

func (s *Store) loadSnapshot(ctx context.Context, key *seal.Key) (*index.Index, int64, error) {
	st, err := s.readState(ctx, key)
	if err != nil {
		return nil, 0, err
	}
	snap := index.Snapshot{}
	raw := map[uint64]bool{}
	for _, seg := range st.Segments {
		snap.Segments = append(snap.Segments, index.Segment{Key: seg.Key, Deleted: seg.Deleted})
		if !seg.Packed {
			raw[seg.Key] = true
		}
	}
	pre := s.prefetchSegments(ctx, key, st.Segments)
	defer pre.close()
	idx, err := index.Load(snap, pre.data)
	if err == nil {
		s.rawSegs = raw
	}
	return idx, st.Applied, err
}

// readState reads the sealed description of the stored snapshot.
func (s *Store) readState(ctx context.Context, key *seal.Key) (indexState, error) {
	var rec []byte
	err := s.r.QueryRowContext(ctx, "SELECT state FROM index_state WHERE id = 1").Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return indexState{}, errNoSnapshot
	}
	if err != nil {
		return indexState{}, dbError("read index state", err)
	}
	var st indexState
	if err := openJSON(key, colIndexState, 1, rec, &st); err != nil {
		return indexState{}, err
	}
	if st.Format != indexFormat {
		return indexState{}, fmt.Errorf("index snapshot format %d, want %d", st.Format, indexFormat)
	}
	return st, nil
}

// readSegment reads and opens stored segment k, inflating a packed one.
func (s *Store) readSegment(ctx context.Context, key *seal.Key, k uint64, packed bool) ([]byte, error) {
	var rec []byte
	if err := s.r.QueryRowContext(ctx, "SELECT data FROM index_segments WHERE id = ?", int64(k)).Scan(&rec); err != nil {
		return nil, dbError("read index segment", err)
	}
	b, err := openSealed(key, colIndexSegment, int64(k), rec)
	if err != nil || !packed {
		return b, err
	}
	out, err := inflate(b, maxSegment, 2*len(b)) // segments compress to about 0.56 of their size
	if err != nil {
		return nil, fmt.Errorf("index segment %d: %w: %w", k, ErrCorrupt, err)
	}
	return out, nil
}

// rebuildIndex indexes every message, memory and chunk from the rows.
func (s *Store) rebuildIndex(ctx context.Context, key *seal.Key) (*index.Index, int64, error) {
	var applied sql.NullInt64
	if err := s.r.QueryRowContext(ctx, "SELECT MAX(seq) FROM index_log").Scan(&applied); err != nil {
		return nil, 0, dbError("rebuild index", err)
	}
	idx, err := index.New()
	if err != nil {
		return nil, 0, err
	}
	err = s.streamDocs(ctx, key, func(batch []index.Doc) error { return idx.Put(batch...) })
	if err != nil {
		idx.Close()
		return nil, 0, fmt.Errorf("rebuild index: %w", err)
	}
	return idx, applied.Int64, nil
}

// streamDocs decrypts every message, memory and document chunk and hands them to fn in
// batches.
func (s *Store) streamDocs(ctx context.Context, key *seal.Key, fn func([]index.Doc) error) error {
	var batch []index.Doc
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := fn(batch)
		batch = nil
		return err
	}
	add := func(d index.Doc) error {
		batch = append(batch, d)
		if len(batch) >= rebuildBatch {
			return flush()
		}
		return nil
	}
	if err := s.eachMessage(ctx, key, add); err != nil {
		return err
	}
	if err := s.eachMemory(ctx, key, add); err != nil {
		return err
	}
	if err := s.eachChunk(ctx, key, add); err != nil {
		return err
	}
	return flush()
}

func (s *Store) eachMessage(ctx context.Context, key *seal.Key, fn func(index.Doc) error) error {
	rows, err := s.r.QueryContext(ctx, "SELECT id, conversation_id, parent_id, body FROM messages ORDER BY id")
	if err != nil {
		return dbError("read messages", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMessage(rows, key)
		if err != nil {
			return err
		}
		if err := fn(index.Doc{ID: messageDoc(m.ID), Kind: KindMessage, Text: m.Text}); err != nil {
			return err
		}
	}
	return dbError("read messages", rows.Err())
}

func (s *Store) eachMemory(ctx context.Context, key *seal.Key, fn func(index.Doc) error) error {
	rows, err := s.r.QueryContext(ctx, "SELECT id, rev, body FROM memories ORDER BY id")
	if err != nil {
		return dbError("read memories", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, rev, err := scanMemory(rows, key)
		if err != nil {
			return err
		}
		if err := fn(index.Doc{ID: memoryDoc(m.ID, rev), Kind: KindMemory, Text: m.Text}); err != nil {
			return err
		}
	}
	return dbError("read memories", rows.Err())
}
