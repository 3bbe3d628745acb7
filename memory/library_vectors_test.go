package memory_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/ingest"
)

var testEmbed = memory.VectorModel{Name: "test-embed", Dim: 3}

// putLibFile records a file of one chunk per text under source src.
func putLibFile(t testing.TB, s *memory.Store, src int64, path string, texts ...string) memory.FileState {
	t.Helper()
	var chunks []ingest.Chunk
	for _, x := range texts {
		chunks = append(chunks, ingest.Chunk{Text: x, End: len(x)})
	}
	f, err := s.PutFile(context.Background(), memory.FileState{SourceID: src, Path: path, Size: 1, ModTime: 1, Hash: path, Status: ingest.Indexed}, chunks)
	must(t, err)
	return f
}

// embedAll gives every chunk without a vector of m the vector vec(text).
func embedAll(t testing.TB, s *memory.Store, m memory.VectorModel, vec func(string) []float32) int {
	t.Helper()
	ctx := context.Background()
	n, after := 0, int64(0)
	for {
		todo, err := s.ChunksWithoutVectors(ctx, m, after, 32)
		must(t, err)
		if len(todo) == 0 {
			return n
		}
		after = todo[len(todo)-1].ChunkID
		var vs []memory.ChunkVector
		for _, c := range todo {
			vs = append(vs, memory.ChunkVector{ChunkID: c.ChunkID, Vector: vec(c.Text)})
		}
		must(t, s.PutVectors(ctx, m, vs))
		n += len(vs)
	}
}

// axisVec maps a text to a direction by the topic word it holds.
func axisVec(text string) []float32 {
	switch {
	case strings.Contains(text, "glacier"):
		return []float32{1, 0, 0}
	case strings.Contains(text, "fjord"):
		return []float32{0, 1, 0}
	}
	return []float32{0, 0, 1}
}

func TestVectorsLifecycle(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	src, err := s.AddSource(ctx, "/lib")
	must(t, err)
	a := putLibFile(t, s, src.ID, "/lib/a.md", "glacier ice moves", "a fjord is a valley")
	putLibFile(t, s, src.ID, "/lib/b.md", "tea and biscuits")
	if n := embedAll(t, s, testEmbed, axisVec); n != 3 {
		t.Fatalf("embedded %d chunks, want 3", n)
	}
	if n := embedAll(t, s, testEmbed, axisVec); n != 0 {
		t.Fatalf("a second pass embedded %d chunks, want 0", n)
	}
	must(t, s.Close())

	t.Run("survive reopen", func(t *testing.T) {
		s = reopen(t, dir)
		hits, err := s.VectorChunks(ctx, testEmbed, []float32{0, 1, 0.1}, 3)
		must(t, err)
		if len(hits) != 3 || hits[0].Score < 0.99 {
			t.Fatalf("vector hits = %+v", hits)
		}
		res, err := s.ResolveChunks(ctx, "", hits[:1])
		must(t, err)
		if res[0].Text != "a fjord is a valley" {
			t.Fatalf("nearest = %q", res[0].Text)
		}
	})
	t.Run("move keeps vectors", func(t *testing.T) {
		_, err := s.MoveFile(ctx, a.ID, memory.FileState{Path: "/lib/moved.md", Size: 1, ModTime: 2})
		must(t, err)
		if n := embedAll(t, s, testEmbed, axisVec); n != 0 {
			t.Fatalf("after a move %d chunks were embedded again", n)
		}
	})
	t.Run("changed file re-embeds only its chunks", func(t *testing.T) {
		putLibFile(t, s, src.ID, "/lib/b.md", "tea and scones")
		if n := embedAll(t, s, testEmbed, axisVec); n != 1 {
			t.Fatalf("after a change %d chunks were embedded, want 1", n)
		}
	})
	t.Run("removed with the file", func(t *testing.T) {
		must(t, s.RemoveFile(ctx, a.ID))
		hits, err := s.VectorChunks(ctx, testEmbed, []float32{0, 1, 0}, 10)
		must(t, err)
		if len(hits) != 1 {
			t.Fatalf("in-memory index holds %d vectors after the removal, want 1", len(hits))
		}
		db := rawDB(t, dir)
		defer db.Close()
		var n int
		must(t, db.QueryRow("SELECT COUNT(*) FROM chunk_vectors").Scan(&n))
		if n != 1 {
			t.Fatalf("chunk_vectors holds %d rows, want 1", n)
		}
	})
	t.Run("model change re-embeds", func(t *testing.T) {
		other := memory.VectorModel{Name: "test-embed", Dim: 4}
		if n := embedAll(t, s, other, func(string) []float32 { return []float32{1, 1, 1, 1} }); n != 1 {
			t.Fatalf("the new model embedded %d chunks, want 1", n)
		}
		cov, err := s.VectorCoverage(ctx, testEmbed)
		must(t, err)
		if cov != (memory.VectorCoverage{Chunks: 1, Embedded: 0}) {
			t.Fatalf("old model coverage = %+v", cov)
		}
	})
	must(t, s.Close())
}

func TestSearchDocumentsHybrid(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t)
	src, err := s.AddSource(ctx, "/lib")
	must(t, err)
	putLibFile(t, s, src.ID, "/lib/a.md", "glacier ice moves slowly", "a fjord is a drowned valley", "tea and biscuits")

	// No vectors: keyword search alone.
	hits, err := s.SearchDocumentsHybrid(ctx, "glacier", testEmbed, []float32{0, 1, 0}, 5)
	must(t, err)
	if len(hits) != 1 || hits[0].Text != "glacier ice moves slowly" {
		t.Fatalf("keyword-only hybrid = %+v", hits)
	}
	embedAll(t, s, testEmbed, axisVec)
	// The keyword list has the glacier chunk; the vector list ranks the
	// fjord chunk first: fusion returns both, each first in one list.
	hits, err = s.SearchDocumentsHybrid(ctx, "glacier", testEmbed, []float32{0, 1, 0}, 2)
	must(t, err)
	if len(hits) != 2 {
		t.Fatalf("hybrid = %+v", hits)
	}
	got := map[string]bool{hits[0].Text: true, hits[1].Text: true}
	if !got["glacier ice moves slowly"] || !got["a fjord is a drowned valley"] {
		t.Fatalf("hybrid = %q, %q", hits[0].Text, hits[1].Text)
	}
	// The glacier chunk is first by keyword and second by vector: it
	// outranks the fjord chunk, first by vector only.
	if hits[0].Text != "glacier ice moves slowly" || hits[0].Score <= hits[1].Score {
		t.Fatalf("fused order = %q (%v), %q (%v)", hits[0].Text, hits[0].Score, hits[1].Text, hits[1].Score)
	}
}

// BenchmarkLoadVectors100k measures building the in-memory index of
// 100,000 sealed 768-dimensional vectors, as the first vector search
// after an unlock does (setup takes about a minute):
//
//	go test ./memory -run X -bench LoadVectors100k -benchtime 3x
func BenchmarkLoadVectors100k(b *testing.B) {
	ctx := context.Background()
	s, _, _ := newStore(b)
	src, err := s.AddSource(ctx, "/lib")
	must(b, err)
	const n, per = 100000, 1000
	m := memory.VectorModel{Name: "load-test", Dim: 768}
	r := rand.New(rand.NewPCG(1, 2))
	for f := 0; f < n/per; f++ {
		texts := make([]string, per)
		for i := range texts {
			texts[i] = fmt.Sprintf("chunk %d %d", f, i)
		}
		putLibFile(b, s, src.ID, fmt.Sprintf("/lib/%d.md", f), texts...)
	}
	embedAll(b, s, m, func(string) []float32 {
		v := make([]float32, m.Dim)
		for i := range v {
			v[i] = float32(r.NormFloat64())
		}
		return v
	})
	b.ResetTimer()
	for range b.N {
		got, err := s.LoadVectors(ctx, m)
		must(b, err)
		if got != n {
			b.Fatalf("loaded %d vectors, want %d", got, n)
		}
	}
}
