package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	zap "github.com/blevesearch/zapx/v16"
)

// Segment is one immutable segment of a snapshot.
type Segment struct {
	Key     uint64   // stable key: the same segment keeps its key across snapshots
	Deleted []string // ids deleted from this segment since it was built
	// Unsaved is true when the caller must store this segment's bytes
	// (Bytes); false when an earlier snapshot already carried them.
	Unsaved bool
	sb      *zap.SegmentBase
}

// Bytes returns the zap bytes of an unsaved segment (nil for a saved
// one). They are encoded on each call, so a caller that stores segments
// one after the other never holds the whole index twice.
func (s Segment) Bytes() ([]byte, error) {
	if !s.Unsaved || s.sb == nil {
		return nil, nil
	}
	return encodeSegment(s.sb)
}

// Snapshot describes the whole index as its segments, oldest first.
type Snapshot struct {
	Segments []Segment
}

// Snapshot returns the index's current segments. Segments returned
// Unsaved must be stored by the caller (their Bytes), who then calls
// Saved; the others were stored before. Keys missing from the result are no longer
// needed.
func (x *Index) Snapshot() (Snapshot, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	r, err := x.sc.Reader()
	if err != nil {
		return Snapshot{}, fmt.Errorf("index snapshot: %w", err)
	}
	defer r.Close()
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return Snapshot{}, fmt.Errorf("index snapshot: reader is %T", r)
	}
	var snap Snapshot
	for _, ss := range is.Segments() {
		seg, err := x.snapshotSegment(ss)
		if err != nil {
			return Snapshot{}, err
		}
		snap.Segments = append(snap.Segments, seg)
	}
	return snap, nil
}

func (x *Index) snapshotSegment(ss *scorch.SegmentSnapshot) (Segment, error) {
	sb, ok := ss.Segment().(*zap.SegmentBase)
	if !ok {
		return Segment{}, fmt.Errorf("index snapshot: segment is %T", ss.Segment())
	}
	key, ok := x.keys[sb]
	if !ok {
		key = x.next
		x.keys[sb] = key
		x.next++
	}
	s := Segment{Key: key, Unsaved: !x.saved[key], sb: sb}
	if del := ss.Deleted(); del != nil {
		for it := del.Iterator(); it.HasNext(); {
			id, err := ss.DocID(uint64(it.Next()))
			if err != nil {
				return Segment{}, fmt.Errorf("index snapshot: deleted doc: %w", err)
			}
			s.Deleted = append(s.Deleted, string(id))
		}
	}
	return s, nil
}

// Load builds an index from a snapshot. data returns the bytes of the
// segment with the given key. Segments are injected oldest first, each
// followed by the deletions recorded for it, which reproduces the saved
// state exactly: a deletion reaches only copies in segments loaded so
// far, all of which were dead when the snapshot was taken.
func Load(snap Snapshot, data func(key uint64) ([]byte, error)) (*Index, error) {
	x, err := New()
	if err != nil {
		return nil, err
	}
	for _, s := range snap.Segments {
		if err := x.inject(s, data); err != nil {
			x.Close()
			return nil, err
		}
	}
	return x, nil
}

func (x *Index) inject(s Segment, data func(uint64) ([]byte, error)) error {
	b, err := data(s.Key)
	if err != nil {
		return fmt.Errorf("index load segment %d: %w", s.Key, err)
	}
	sb, err := decodeSegment(b, map[string]interface{}{})
	if err != nil {
		return fmt.Errorf("index load segment %d: %w", s.Key, err)
	}
	x.inbox.seg = sb
	batch := index.NewBatch()
	batch.Update(document.NewDocument(markerID))
	if err := x.sc.Batch(batch); err != nil {
		return fmt.Errorf("index load segment %d: %w", s.Key, err)
	}
	x.keys[sb] = s.Key
	x.saved[s.Key] = true
	if s.Key >= x.next {
		x.next = s.Key + 1
	}
	if len(s.Deleted) > 0 {
		return x.Delete(s.Deleted...)
	}
	return nil
}

// Saved records that the caller stored every segment of snap, so later
// snapshots omit their data.
func (x *Index) Saved(snap Snapshot) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.saved = make(map[uint64]bool, len(snap.Segments))
	for _, s := range snap.Segments {
		x.saved[s.Key] = true
	}
}

// Size returns the bytes the index's segments hold in memory.
func (x *Index) Size() (uint64, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	r, err := x.sc.Reader()
	if err != nil {
		return 0, fmt.Errorf("index size: %w", err)
	}
	defer r.Close()
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, fmt.Errorf("index size: reader is %T", r)
	}
	var n uint64
	for _, ss := range is.Segments() {
		n += uint64(ss.Segment().Size())
	}
	return n, nil
}

// KeysFrom makes the index give its new segments keys from k on, so
// that they differ from those of saved segments it does not hold (a
// snapshot the caller extends without loading it).
func (x *Index) KeysFrom(k uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.next = max(x.next, k)
}
