package memory

import (
	"bytes"
	"context"
	"fmt"

	"github.com/hearth-app/hearth/memory/internal/vecindex"
)

// The in-memory vector index holds the vectors of one model, loaded from
// the sealed chunk_vectors rows by LoadVectors (or the first vector
// search) and kept in step by PutVectors and every chunk deletion. Lock
// forgets it with the key.

// LoadVectors builds the in-memory vector index of model m from the
// sealed rows, replacing one of another model, and returns how many
// vectors it holds. It blocks writers while it reads, so no committed
// vector is missed.
func (s *Store) LoadVectors(ctx context.Context, m VectorModel) (int, error) {
	tag, err := s.modelTag(m)
	if err != nil {
		return 0, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	key, err := s.unlockedKey()
	if err != nil {
		return 0, err
	}
	x, err := vecindex.New(m.Dim)
	if err != nil {
		return 0, err
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, chunk_id, body FROM chunk_vectors WHERE model_tag = ?", tag)
	if err != nil {
		return 0, dbError("load vectors", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, chunk int64
		var rec []byte
		if err := rows.Scan(&id, &chunk, &rec); err != nil {
			return 0, dbError("load vectors", err)
		}
		var b vectorBody
		if err := openJSON(key, colChunkVector, id, rec, &b); err != nil {
			return 0, err
		}
		if err := x.PutCode(chunk, vecindex.Code{Codes: bytesInt8(b.Codes), Scale: b.Scale}); err != nil {
			return 0, fmt.Errorf("load vectors: chunk_vectors row %d: %w: %w", id, ErrCorrupt, err)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, dbError("load vectors", err)
	}
	s.mu.Lock()
	s.vecs, s.vecTag = x, tag
	s.mu.Unlock()
	return x.Len(), nil
}

// vectorIndex returns the in-memory index of the model tagged tag, if
// it is the one loaded.
func (s *Store) vectorIndex(tag []byte) *vecindex.Index {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.vecs == nil || !bytes.Equal(s.vecTag, tag) {
		return nil
	}
	return s.vecs
}

// vectorsPut applies committed vectors (vecs[i] for i in stored) to the
// in-memory index when it holds their model.
func (s *Store) vectorsPut(tag []byte, vecs []ChunkVector, codes []vecindex.Code, stored []int) {
	s.mu.RLock()
	x, same := s.vecs, bytes.Equal(s.vecTag, tag)
	s.mu.RUnlock()
	if x == nil {
		return
	}
	for _, i := range stored {
		if same {
			_ = x.PutCode(vecs[i].ChunkID, codes[i]) // codes were checked by Quantize
		} else {
			x.Remove(vecs[i].ChunkID) // its vector of the loaded model was replaced
		}
	}
}

// vectorsRemoved drops deleted chunks from the in-memory index.
func (s *Store) vectorsRemoved(chunks []int64) {
	s.mu.RLock()
	x := s.vecs
	s.mu.RUnlock()
	if x == nil {
		return
	}
	for _, id := range chunks {
		x.Remove(id)
	}
}

// VectorChunks ranks up to k chunks by the cosine of their model-m
// vectors with query vector q, best first, loading the index of m first
// if another (or none) is loaded. Chunks without a vector of m are not
// ranked.
func (s *Store) VectorChunks(ctx context.Context, m VectorModel, q []float32, k int) ([]ChunkScore, error) {
	tag, err := s.modelTag(m)
	if err != nil {
		return nil, err
	}
	x := s.vectorIndex(tag)
	if x == nil {
		if _, err := s.LoadVectors(ctx, m); err != nil {
			return nil, err
		}
		if x = s.vectorIndex(tag); x == nil {
			return nil, s.state()
		}
	}
	hits, err := x.Search(ctx, q, k)
	if err != nil {
		return nil, fmt.Errorf("vector search: %w", err)
	}
	out := make([]ChunkScore, len(hits))
	for i, h := range hits {
		out[i] = ChunkScore{ChunkID: h.ID, Score: float64(h.Score)}
	}
	return out, nil
}
