package memory

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/keys"
)

// TestInflateExact checks that inflate returns the original bytes in a
// slice about their own size (a loaded index segment keeps its slice for
// as long as the index lives), whatever the size hint, and refuses output
// past its limit.
func TestInflateExact(t *testing.T) {
	data := bytes.Repeat([]byte("postings of the glacier index "), 40000)
	packed := deflate(data)
	for _, hint := range []int{0, len(packed), 2 * len(packed), 4 * len(data)} {
		got, err := inflate(packed, int64(len(data)), hint)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("hint %d: inflate gave %d bytes, %v", hint, len(got), err)
		}
		if cap(got) > len(got)+len(got)/16 {
			t.Errorf("hint %d: %d bytes held in a slice of capacity %d", hint, len(got), cap(got))
		}
	}
	if _, err := inflate(packed, int64(len(data))-1, 0); err == nil {
		t.Fatal("inflate past its limit succeeded")
	}
}

// TestSnapshotLoadPrefetched saves an index of more segments than the
// loader prepares ahead and loads it back: every segment arrives, in
// order, and every record is found.
func TestSnapshotLoadPrefetched(t *testing.T) {
	ctx := context.Background()
	cheap := keys.Params{Time: 1, MemoryKiB: 64, Threads: 1}
	opts := []Option{WithKDF(cheap), WithKDFFloor(cheap)}
	dir := t.TempDir()
	s, _, err := Create(ctx, dir, "pw", opts...)
	if err != nil {
		t.Fatal(err)
	}
	const n = 3 * prefetchAhead
	for i := range n {
		if _, err := s.AddMemory(ctx, fmt.Sprintf("kettle number k%d", i), Source{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, dir, Passphrase("pw"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rec []byte
	if err := s.r.QueryRowContext(ctx, "SELECT state FROM index_state WHERE id = 1").Scan(&rec); err != nil {
		t.Fatal(err)
	}
	var st indexState
	if err := openJSON(s.key, colIndexState, 1, rec, &st); err != nil || len(st.Segments) <= prefetchAhead {
		t.Fatalf("snapshot of %d segments (%v); the test needs more than %d", len(st.Segments), err, prefetchAhead)
	}
	for i := range n {
		hits, err := s.Search(ctx, fmt.Sprintf("k%d", i), 5)
		if err != nil || len(hits) != 1 {
			t.Fatalf("search k%d = %+v, %v", i, hits, err)
		}
	}
}
