package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/memory/internal/index"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// KindChunk is the index kind of a document chunk.
const KindChunk = "chunk"

// chunkDoc names chunk id in the index. Chunk ids are never reused, so a
// chunk's text never changes under its index id.
func chunkDoc(id int64) string { return "c" + strconv.FormatInt(id, 10) }

// parseChunkDoc returns the chunk id of a chunk document id.
func parseChunkDoc(doc string) (int64, bool) {
	if !strings.HasPrefix(doc, "c") {
		return 0, false
	}
	id, err := strconv.ParseInt(doc[1:], 10, 64)
	return id, err == nil
}

// chunkIndexDoc is what the index holds of a chunk: its text, stemmed.
func chunkIndexDoc(id int64, text string) index.Doc {
	return index.Doc{ID: chunkDoc(id), Kind: KindChunk, Text: text, Stem: true}
}

// addChunk inserts one sealed chunk of document doc and indexes it.
func (w *writeTx) addChunk(ctx context.Context, doc int64, c chunkBody) (int64, error) {
	id, err := w.insertChunk(ctx, doc, c)
	if err != nil {
		return 0, err
	}
	return id, w.index(ctx, chunkIndexDoc(id, c.Text))
}

// deleteDocument deletes document doc and its chunks, and takes the
// chunks out of the index.
func (w *writeTx) deleteDocument(ctx context.Context, doc int64) error {
	ids, err := int64s(ctx, w.tx, "SELECT id FROM chunks WHERE document_id = ?", doc)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := w.unindex(ctx, chunkDoc(id)); err != nil {
			return err
		}
	}
	w.chunkDels = append(w.chunkDels, ids...) // their vectors go by ON DELETE CASCADE
	res, err := w.tx.ExecContext(ctx, "DELETE FROM documents WHERE id = ?", doc)
	if err != nil {
		return dbError("delete document", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("delete document %d: %w", doc, ErrNotFound)
	}
	return nil
}

// fetchChunk reads chunk id for the index; ok is false when it is gone.
func (s *Store) fetchChunk(ctx context.Context, key *seal.Key, id int64) (index.Doc, bool, error) {
	var rec []byte
	err := s.r.QueryRowContext(ctx, "SELECT body FROM chunks WHERE id = ?", id).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return index.Doc{}, false, nil
	}
	if err != nil {
		return index.Doc{}, false, dbError("read chunk", err)
	}
	c, err := openChunk(key, id, rec)
	if err != nil {
		return index.Doc{}, false, err
	}
	return chunkIndexDoc(id, c.Text), true, nil
}

// eachChunk decrypts every chunk and hands it to fn as an index document.
func (s *Store) eachChunk(ctx context.Context, key *seal.Key, fn func(index.Doc) error) error {
	var tables int // a store created at schema v1 (in tests) has no chunks
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'chunks'").Scan(&tables); err != nil {
		return dbError("read chunks", err)
	}
	if tables == 0 {
		return nil
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, body FROM chunks ORDER BY id")
	if err != nil {
		return dbError("read chunks", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var rec []byte
		if err := rows.Scan(&id, &rec); err != nil {
			return dbError("read chunks", err)
		}
		c, err := openChunk(key, id, rec)
		if err != nil {
			return err
		}
		if err := fn(chunkIndexDoc(id, c.Text)); err != nil {
			return err
		}
	}
	return dbError("read chunks", rows.Err())
}
