package index

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Compaction policy: segments with fewer live documents than smallSegment
// are merged once there are more than maxSmall of them, the smallest
// mergeWidth at a time. Large segments are left alone.
const (
	smallSegment = 1024
	maxSmall     = 16
	mergeWidth   = 12
)

// Fetch returns the documents with the given ids, for re-indexing. Ids
// that no longer exist are left out.
type Fetch func(ctx context.Context, ids []string) ([]Doc, error)

// NeedsCompact reports whether Compact would do any work.
func (x *Index) NeedsCompact() bool {
	ids, err := x.liveIDs(pickSmall)
	return err == nil && len(ids) > 0
}

// Compact merges the smallest segments by re-indexing their live
// documents as one batch; the emptied segments drop out of the index.
// It returns the number of documents re-indexed.
func (x *Index) Compact(ctx context.Context, fetch Fetch) (int, error) {
	return x.rewrite(ctx, fetch, pickSmall)
}

// Purge rewrites every segment that still holds deleted documents, so
// their terms leave the index (and its next snapshot) for good.
func (x *Index) Purge(ctx context.Context, fetch Fetch) (int, error) {
	return x.rewrite(ctx, fetch, pickDeleted)
}

// rewrite re-indexes the live documents of the segments pick chooses.
func (x *Index) rewrite(ctx context.Context, fetch Fetch, pick func([]*scorch.SegmentSnapshot) []*scorch.SegmentSnapshot) (int, error) {
	ids, err := x.liveIDs(pick)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	docs, err := fetch(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("index compact: %w", err)
	}
	if len(docs) < len(ids) {
		missing := missingIDs(ids, docs)
		if err := x.Delete(missing...); err != nil {
			return 0, err
		}
	}
	return len(docs), x.Put(docs...)
}

// liveIDs returns the live ids of the segments pick chooses.
func (x *Index) liveIDs(pick func([]*scorch.SegmentSnapshot) []*scorch.SegmentSnapshot) ([]string, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	r, err := x.sc.Reader()
	if err != nil {
		return nil, fmt.Errorf("index compact: %w", err)
	}
	defer r.Close()
	var ids []string
	for _, ss := range pick(r.(*scorch.IndexSnapshot).Segments()) {
		for it := ss.DocNumbersLive().Iterator(); it.HasNext(); {
			id, err := ss.DocID(uint64(it.Next()))
			if err != nil {
				return nil, fmt.Errorf("index compact: %w", err)
			}
			ids = append(ids, string(id))
		}
	}
	return ids, nil
}

func missingIDs(ids []string, docs []Doc) []string {
	have := make(map[string]bool, len(docs))
	for _, d := range docs {
		have[d.ID] = true
	}
	var out []string
	for _, id := range ids {
		if !have[id] {
			out = append(out, id)
		}
	}
	return out
}

// pickSmall chooses the mergeWidth smallest segments once there are more
// than maxSmall small ones.
func pickSmall(segs []*scorch.SegmentSnapshot) []*scorch.SegmentSnapshot {
	var small []*scorch.SegmentSnapshot
	for _, ss := range segs {
		if ss.Count() < smallSegment {
			small = append(small, ss)
		}
	}
	if len(small) <= maxSmall {
		return nil
	}
	sort.SliceStable(small, func(i, j int) bool { return small[i].Count() < small[j].Count() })
	return small[:mergeWidth]
}

// pickDeleted chooses the segments that hold deleted documents.
func pickDeleted(segs []*scorch.SegmentSnapshot) []*scorch.SegmentSnapshot {
	var out []*scorch.SegmentSnapshot
	for _, ss := range segs {
		if del := ss.Deleted(); del != nil && !del.IsEmpty() {
			out = append(out, ss)
		}
	}
	return out
}
