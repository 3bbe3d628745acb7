package memory

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/hearth-app/hearth/memory/internal/vecindex"
)

// VectorModel names the embedding model a chunk's vector came from: its
// name and the dimension of its vectors. A vector made by another model
// (or the same name at another dimension) does not count for this one,
// so changing the model re-embeds every chunk.
type VectorModel struct {
	Name string `json:"n"`
	Dim  int    `json:"d"`
}

// ChunkText is a chunk waiting for its vector: its id and text.
type ChunkText struct {
	ChunkID int64
	Text    string
}

// ChunkVector is one chunk's embedding, as an embedder returned it.
type ChunkVector struct {
	ChunkID int64
	Vector  []float32
}

// VectorCoverage says how many of the library's chunks have a vector of
// one model.
type VectorCoverage struct {
	Chunks   int `json:"chunks"`
	Embedded int `json:"embedded"`
}

// vectorBody is the sealed value of a chunk_vectors row: the model, and
// the vector quantised as the in-memory index holds it.
type vectorBody struct {
	Model VectorModel `json:"m"`
	Codes []byte      `json:"c"` // int8 codes, as bytes
	Scale float32     `json:"s"`
}

// errNoModel reports a VectorModel without a name or dimension.
var errNoModel = errors.New("vector model needs a name and a dimension")

// modelTag is the blind index of a vector model, in a domain of its own.
func (s *Store) modelTag(m VectorModel) ([]byte, error) {
	if m.Name == "" || m.Dim < 1 || m.Dim > vecindex.MaxDim {
		return nil, errNoModel
	}
	return s.nameTag(m.tagName())
}

// tagName is what m's blind-index tag is computed over, in a domain of
// its own so it never equals a setting's or a path's tag.
func (m VectorModel) tagName() string {
	return "vector-model\x00" + m.Name + "\x00" + strconv.Itoa(m.Dim)
}

// ChunksWithoutVectors returns up to limit chunks with ids above after,
// lowest id first, that have no vector of model m: new chunks, and chunks
// embedded by another model. An embedding pass calls it with the last id
// it was given until it returns none, so it never rescans the chunks
// already done.
func (s *Store) ChunksWithoutVectors(ctx context.Context, m VectorModel, after int64, limit int) ([]ChunkText, error) {
	tag, err := s.modelTag(m)
	if err != nil {
		return nil, err
	}
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT c.id, c.body FROM chunks c
		LEFT JOIN chunk_vectors v ON v.chunk_id = c.id AND v.model_tag = ?
		WHERE c.id > ? AND v.id IS NULL ORDER BY c.id LIMIT ?`, tag, after, limit)
	if err != nil {
		return nil, dbError("list chunks without vectors", err)
	}
	defer rows.Close()
	var out []ChunkText
	for rows.Next() {
		var id int64
		var rec []byte
		if err := rows.Scan(&id, &rec); err != nil {
			return nil, dbError("list chunks without vectors", err)
		}
		c, err := openChunk(key, id, rec)
		if err != nil {
			return nil, err
		}
		out = append(out, ChunkText{ChunkID: id, Text: c.Text})
	}
	return out, dbError("list chunks without vectors", rows.Err())
}

// PutVectors stores the vectors of model m for their chunks in one
// transaction, replacing a chunk's vector of any other model, and keeps
// the in-memory vector index in step. A chunk deleted meanwhile is
// skipped. Each vector must have m.Dim finite components, not all zero.
func (s *Store) PutVectors(ctx context.Context, m VectorModel, vecs []ChunkVector) error {
	tag, err := s.modelTag(m)
	if err != nil {
		return err
	}
	codes := make([]vecindex.Code, len(vecs))
	for i, v := range vecs {
		if len(v.Vector) != m.Dim {
			return fmt.Errorf("put vectors: chunk %d: %d components, model %s has %d: %w", v.ChunkID, len(v.Vector), m.Name, m.Dim, vecindex.ErrVector)
		}
		if codes[i], err = vecindex.Quantize(v.Vector); err != nil {
			return fmt.Errorf("put vectors: chunk %d: %w", v.ChunkID, err)
		}
	}
	var stored []int
	err = s.write(ctx, "put vectors", func(w *writeTx) error {
		stored = stored[:0]
		for i, v := range vecs {
			ok, err := w.putVector(ctx, v.ChunkID, tag, vectorBody{Model: m, Codes: int8Bytes(codes[i].Codes), Scale: codes[i].Scale})
			if err != nil {
				return err
			}
			if ok {
				stored = append(stored, i)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.vectorsPut(tag, vecs, codes, stored)
	return nil
}

// putVector replaces chunk's vector row; ok is false when the chunk is gone.
func (w *writeTx) putVector(ctx context.Context, chunk int64, tag []byte, b vectorBody) (bool, error) {
	var n int
	if err := w.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM chunks WHERE id = ?", chunk).Scan(&n); err != nil {
		return false, dbError("put vector", err)
	}
	if n == 0 {
		return false, nil
	}
	if _, err := w.tx.ExecContext(ctx, "DELETE FROM chunk_vectors WHERE chunk_id = ?", chunk); err != nil {
		return false, dbError("put vector", err)
	}
	_, err := insertSealed(ctx, w.tx, w.key, colChunkVector, b, "INSERT INTO chunk_vectors(chunk_id, model_tag, body) VALUES(?, ?, x'')", chunk, tag)
	return err == nil, err
}

// VectorCoverage counts the library's chunks and those with a vector of
// model m.
func (s *Store) VectorCoverage(ctx context.Context, m VectorModel) (VectorCoverage, error) {
	tag, err := s.modelTag(m)
	if err != nil {
		return VectorCoverage{}, err
	}
	var c VectorCoverage
	err = s.r.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM chunks),
		(SELECT COUNT(*) FROM chunk_vectors WHERE model_tag = ?)`, tag).Scan(&c.Chunks, &c.Embedded)
	return c, dbError("count vectors", err)
}

// int8Bytes and bytesInt8 convert codes to the bytes sealed at rest and back.
func int8Bytes(c []int8) []byte {
	b := make([]byte, len(c))
	for i, x := range c {
		b[i] = byte(x)
	}
	return b
}

func bytesInt8(b []byte) []int8 {
	c := make([]int8, len(b))
	for i, x := range b {
		c[i] = int8(x)
	}
	return c
}
