package index_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/index"
)

func newIndex(t testing.TB) *index.Index {
	t.Helper()
	x, err := index.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func docs(from, to int) []index.Doc {
	var out []index.Doc
	for i := from; i < to; i++ {
		out = append(out, index.Doc{ID: fmt.Sprintf("m%d", i), Kind: "message", Text: fmt.Sprintf("note number w%d about gardening", i)})
	}
	return out
}

func ids(hits []index.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}

func search(t testing.TB, x *index.Index, q string, kinds ...string) []string {
	t.Helper()
	hits, err := x.Search(context.Background(), q, 100, kinds...)
	if err != nil {
		t.Fatal(err)
	}
	return ids(hits)
}

func count(t testing.TB, x *index.Index) uint64 {
	t.Helper()
	n, err := x.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSearchKinds(t *testing.T) {
	x := newIndex(t)
	must(t, x.Put(index.Doc{ID: "m1", Kind: "message", Text: "my cat is called Tiger"},
		index.Doc{ID: "r1", Kind: "memory", Text: "the user has a cat"}))
	for _, tc := range []struct {
		name  string
		q     string
		kinds []string
		want  []string
	}{
		{"both", "cat", nil, []string{"m1", "r1"}},
		{"messages", "cat", []string{"message"}, []string{"m1"}},
		{"memories", "cat", []string{"memory"}, []string{"r1"}},
		{"case folded", "TIGER", nil, []string{"m1"}},
		{"none", "dog", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := search(t, x, tc.q, tc.kinds...); !slices.Equal(got, tc.want) {
				t.Fatalf("Search(%q) = %v, want %v", tc.q, got, tc.want)
			}
		})
	}
}

// saved keeps segment bytes by key, as the store does in its table.
type saved map[uint64][]byte

func (s saved) take(t testing.TB, x *index.Index, snap index.Snapshot) {
	t.Helper()
	defer x.Saved(snap)
	keep := map[uint64]bool{}
	for _, seg := range snap.Segments {
		keep[seg.Key] = true
		if seg.Unsaved {
			if _, dup := s[seg.Key]; dup {
				t.Fatalf("segment key %d reused", seg.Key)
			}
			data, err := seg.Bytes()
			must(t, err)
			s[seg.Key] = data
		} else if _, ok := s[seg.Key]; !ok {
			t.Fatalf("segment %d has no data and was never saved", seg.Key)
		}
	}
	for k := range s {
		if !keep[k] {
			delete(s, k)
		}
	}
}

func (s saved) data(key uint64) ([]byte, error) {
	b, ok := s[key]
	if !ok {
		return nil, fmt.Errorf("no segment %d", key)
	}
	return b, nil
}

func TestSnapshotRoundTrip(t *testing.T) {
	x := newIndex(t)
	store := saved{}
	must(t, x.Put(docs(0, 50)...))
	must(t, x.Put(docs(50, 60)...))
	must(t, x.Put(index.Doc{ID: "m5", Kind: "message", Text: "rewritten about pottery"})) // update: old copy dead
	must(t, x.Delete("m7", "m55"))                                                        // deletions in two segments
	snap, err := x.Snapshot()
	must(t, err)
	store.take(t, x, snap)

	y, err := index.Load(snap, store.data)
	must(t, err)
	defer y.Close()
	checkSame(t, x, y)

	// The loaded index keeps working, and a second snapshot reuses the
	// stored segments.
	must(t, y.Put(docs(60, 70)...))
	must(t, y.Delete("m1"))
	snap2, err := y.Snapshot()
	must(t, err)
	store.take(t, y, snap2)
	fresh := 0
	for _, s := range snap2.Segments {
		if s.Unsaved {
			fresh++
		}
	}
	if fresh != 1 {
		t.Fatalf("second snapshot wrote %d segments, want only the new one", fresh)
	}
	z, err := index.Load(snap2, store.data)
	must(t, err)
	defer z.Close()
	checkSame(t, y, z)
	if n := count(t, z); n != 67 {
		t.Fatalf("Count = %d, want 67", n)
	}
}

func checkSame(t *testing.T, a, b *index.Index) {
	t.Helper()
	if ca, cb := count(t, a), count(t, b); ca != cb {
		t.Fatalf("Count %d after load, want %d", cb, ca)
	}
	for _, q := range []string{"gardening", "pottery", "w5", "w7", "w55", "w1", "w65"} {
		if ga, gb := search(t, a, q), search(t, b, q); !slices.Equal(ga, gb) {
			t.Fatalf("Search(%q) = %v after load, want %v", q, gb, ga)
		}
	}
}

func TestLoadRejectsBadSegment(t *testing.T) {
	snap := index.Snapshot{Segments: []index.Segment{{Key: 1}}}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"short", []byte("abc")},
		{"garbage", make([]byte, 200)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := index.Load(snap, func(uint64) ([]byte, error) { return tc.data, nil })
			if err == nil {
				t.Fatal("Load accepted a bad segment")
			}
		})
	}
}

func TestCompact(t *testing.T) {
	x := newIndex(t)
	all := map[string]index.Doc{}
	for i := range 40 { // 40 single-document segments
		d := docs(i, i+1)
		all[d[0].ID] = d[0]
		must(t, x.Put(d...))
	}
	if !x.NeedsCompact() {
		t.Fatal("40 tiny segments need no compaction")
	}
	fetch := func(_ context.Context, ids []string) ([]index.Doc, error) {
		var out []index.Doc
		for _, id := range ids {
			out = append(out, all[id])
		}
		return out, nil
	}
	for x.NeedsCompact() {
		if _, err := x.Compact(context.Background(), fetch); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := x.Snapshot()
	must(t, err)
	if len(snap.Segments) > 17 {
		t.Fatalf("%d segments after compaction", len(snap.Segments))
	}
	if n := count(t, x); n != 40 {
		t.Fatalf("Count = %d after compaction, want 40", n)
	}
	if got := search(t, x, "gardening"); len(got) != 40 {
		t.Fatalf("%d hits after compaction, want 40", len(got))
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestPurgeDropsDeletedTerms(t *testing.T) {
	x := newIndex(t)
	all := map[string]index.Doc{}
	for _, d := range docs(0, 30) {
		all[d.ID] = d
	}
	must(t, x.Put(docs(0, 30)...))
	must(t, x.Delete("m3"))
	fetch := func(_ context.Context, ids []string) ([]index.Doc, error) {
		var out []index.Doc
		for _, id := range ids {
			if id == "m3" {
				t.Fatal("Purge fetched a deleted document")
			}
			out = append(out, all[id])
		}
		return out, nil
	}
	n, err := x.Purge(context.Background(), fetch)
	must(t, err)
	if n != 29 {
		t.Fatalf("Purge re-indexed %d documents, want 29", n)
	}
	snap, err := x.Snapshot()
	must(t, err)
	for _, s := range snap.Segments {
		if len(s.Deleted) > 0 {
			t.Fatalf("segment %d still holds deleted %v", s.Key, s.Deleted)
		}
	}
	if c := count(t, x); c != 29 {
		t.Fatalf("Count = %d, want 29", c)
	}
	if got := search(t, x, "w3"); len(got) != 0 {
		t.Fatalf("deleted document found: %v", got)
	}
}

// TestSizeAndKeysFrom checks what a spilling store relies on: Size grows
// with the segments in memory, and after KeysFrom(k) new segments get
// keys from k on.
func TestSizeAndKeysFrom(t *testing.T) {
	x := newIndex(t)
	empty, err := x.Size()
	if err != nil || empty != 0 {
		t.Fatalf("empty index: size %d, %v", empty, err)
	}
	x.KeysFrom(100)
	for i := range 3 {
		if err := x.Put(docs(i*10, i*10+10)...); err != nil {
			t.Fatal(err)
		}
	}
	n, err := x.Size()
	if err != nil || n == 0 {
		t.Fatalf("size after three batches: %d, %v", n, err)
	}
	snap, err := x.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Segments) != 3 {
		t.Fatalf("%d segments, want 3", len(snap.Segments))
	}
	for _, s := range snap.Segments {
		if s.Key < 100 {
			t.Fatalf("segment key %d after KeysFrom(100)", s.Key)
		}
	}
}
