package memory

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/keys"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// TestChunkBodyFormats opens a chunk sealed as plain JSON (as every
// store before compression wrote it) and one written now, compressed,
// and checks a damaged compressed body is ErrCorrupt, not a panic.
func TestChunkBodyFormats(t *testing.T) {
	key, err := seal.NewKey(1, make([]byte, seal.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	c := chunkBody{Text: strings.Repeat("The glacier flows downhill into the fjord. ", 40), Page: 3, Heading: "Ice", Start: 10, End: 1730}
	old, err := sealJSON(key, colChunkBody, 5, c)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := encodeChunk(c)
	if err != nil {
		t.Fatal(err)
	}
	if plain[0] != packedChunk {
		t.Fatalf("a repetitive chunk of %d bytes was not compressed", len(c.Text))
	}
	now := key.Seal(colChunkBody.place(5), plain)
	if len(now) >= len(old) {
		t.Fatalf("compressed chunk seals to %d bytes, plain JSON to %d", len(now), len(old))
	}
	for name, rec := range map[string][]byte{"plain JSON": old, "compressed": now} {
		got, err := openChunk(key, 5, rec)
		if err != nil || got != c {
			t.Errorf("%s: %+v, %v", name, got, err)
		}
	}
	short, err := encodeChunk(chunkBody{Text: "x"})
	if err != nil || short[0] != '{' {
		t.Fatalf("a one-letter chunk is stored as %q, want plain JSON (compression would grow it)", short)
	}
	bad := append([]byte{packedChunk}, bytes.Repeat([]byte{0xff}, 32)...)
	if _, err := openChunk(key, 5, key.Seal(colChunkBody.place(5), bad)); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("damaged compressed body: %v, want ErrCorrupt", err)
	}
}

// TestLazyIndexLoadsWhenNeeded opens a store WithLazyIndex: unlocking
// leaves the index unloaded, a write that changes nothing indexed keeps
// it so, and a search loads it with every change logged since.
func TestLazyIndexLoadsWhenNeeded(t *testing.T) {
	ctx := context.Background()
	cheap := keys.Params{Time: 1, MemoryKiB: 64, Threads: 1}
	opts := []Option{WithKDF(cheap), WithKDFFloor(cheap)}
	dir := t.TempDir()
	s, _, err := Create(ctx, dir, "pw", opts...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMemory(ctx, "The kettle is in the left cupboard.", Source{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, dir, Passphrase("pw"), append(opts, WithLazyIndex())...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.idx != nil {
		t.Fatal("a lazy store loaded its index at unlock")
	}
	if err := s.SetSetting(ctx, "theme", []byte("dark")); err != nil {
		t.Fatal(err)
	}
	if s.idx != nil {
		t.Fatal("a write that changes nothing indexed loaded the index")
	}
	hits, err := s.Search(ctx, "kettle", 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search = %+v, %v", hits, err)
	}
	if s.idx == nil {
		t.Fatal("the index is not loaded after a search")
	}
}

// TestLazyIndexLoadsAtFirstIndexedWrite checks that a lazy store's first
// write that changes the index loads it, so the change is searchable and
// goes into the snapshot at Close.
func TestLazyIndexLoadsAtFirstIndexedWrite(t *testing.T) {
	ctx := context.Background()
	cheap := keys.Params{Time: 1, MemoryKiB: 64, Threads: 1}
	opts := []Option{WithKDF(cheap), WithKDFFloor(cheap), WithLazyIndex()}
	dir := t.TempDir()
	s, _, err := Create(ctx, dir, "pw", opts...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMemory(ctx, "Tea lives in the blue tin.", Source{}); err != nil {
		t.Fatal(err)
	}
	if s.idx == nil {
		t.Fatal("a write to the index left it unloaded")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var st []byte
	s, err = Open(ctx, dir, Passphrase("pw"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.r.QueryRowContext(ctx, "SELECT state FROM index_state WHERE id = 1").Scan(&st); err != nil {
		t.Fatalf("no index snapshot after Close: %v", err)
	}
	hits, err := s.Search(ctx, "tin", 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search = %+v, %v", hits, err)
	}
}
