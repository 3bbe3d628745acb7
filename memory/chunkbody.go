package memory

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/hearth-app/hearth/memory/internal/seal"
)

// A chunk's sealed body is its chunkBody as JSON, or, when that is
// smaller, packedChunk followed by the JSON compressed with DEFLATE.
// JSON starts with '{', so the first byte tells the two apart and
// chunks written before compression open unchanged.
const packedChunk = 0x01

// maxChunkBody bounds an inflated chunk body: the chunker cuts far
// smaller chunks, so more means damage.
const maxChunkBody = 16 << 20

// encodeChunk returns the plaintext that seals chunk c.
func encodeChunk(c chunkBody) ([]byte, error) {
	js, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode chunk: %w", err)
	}
	packed := deflate(js)
	if len(packed)+1 >= len(js) {
		return js, nil
	}
	clear(js)
	return append([]byte{packedChunk}, packed...), nil
}

// openChunk opens the sealed body of chunk id.
func openChunk(key *seal.Key, id int64, rec []byte) (chunkBody, error) {
	b, err := openSealed(key, colChunkBody, id, rec)
	if err != nil {
		return chunkBody{}, err
	}
	if len(b) > 0 && b[0] == packedChunk {
		if b, err = inflate(b[1:], maxChunkBody, 3*len(b)); err != nil {
			return chunkBody{}, fmt.Errorf("decode chunks row %d column body: %w: %w", id, ErrCorrupt, err)
		}
	}
	var c chunkBody
	if err := json.Unmarshal(b, &c); err != nil {
		return chunkBody{}, fmt.Errorf("decode chunks row %d column body: %w: %w", id, ErrCorrupt, err)
	}
	return c, nil
}

// insertChunk inserts chunk c of document doc, sealed, and returns its
// id. The id is chosen before the row is written (the next id of the
// AUTOINCREMENT sequence; the store has one writer), so the sealed body
// goes in with the row. Inserting a placeholder and updating it, as
// insertSealed does, splits B-tree pages as each row grows and left the
// chunks table a third empty.
func (w *writeTx) insertChunk(ctx context.Context, doc int64, c chunkBody) (int64, error) {
	id, err := w.nextChunkID(ctx)
	if err != nil {
		return 0, err
	}
	plain, err := encodeChunk(c)
	if err != nil {
		return 0, err
	}
	rec := w.key.Seal(colChunkBody.place(id), plain)
	clear(plain)
	if _, err := w.tx.ExecContext(ctx, "INSERT INTO chunks(id, document_id, body) VALUES(?, ?, ?)", id, doc, rec); err != nil {
		return 0, dbError("insert into chunks", err)
	}
	w.chunkID = id + 1
	return id, nil
}

// nextChunkID returns the id the next chunk takes: above every id the
// chunks table ever gave (sqlite_sequence) and every id in it.
func (w *writeTx) nextChunkID(ctx context.Context) (int64, error) {
	if w.chunkID != 0 {
		return w.chunkID, nil
	}
	var seq, top sql.NullInt64
	err := w.tx.QueryRowContext(ctx, `SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'chunks'), (SELECT MAX(id) FROM chunks)`).Scan(&seq, &top)
	if err != nil {
		return 0, dbError("next chunk id", err)
	}
	return max(seq.Int64, top.Int64) + 1, nil
}
