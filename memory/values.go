package memory

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/hearth-app/hearth/memory/internal/seal"
)

// unlockedKey returns the unlocked key, or ErrLocked/ErrClosed.
func (s *Store) unlockedKey() (*seal.Key, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	switch {
	case s.closed:
		return nil, ErrClosed
	case s.key == nil:
		return nil, ErrLocked
	}
	return s.key, nil
}

// sealJSON encodes v as JSON and seals it for column c of row id.
func sealJSON(key *seal.Key, c sealedColumn, id int64, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %s row %d: %w", c.table(), id, err)
	}
	rec := key.Seal(c.place(id), b)
	clear(b)
	return rec, nil
}

// openSealed opens the sealed value of column c in row id. A failure
// names the table, row and column.
func openSealed(key *seal.Key, c sealedColumn, id int64, rec []byte) ([]byte, error) {
	b, err := key.Open(c.place(id), rec)
	if err != nil {
		return nil, fmt.Errorf("open %s row %d column %s: %w: %w", c.table(), id, c.column(), ErrTampered, err)
	}
	return b, nil
}

// openJSON opens a sealed value and decodes it into v. A failure names
// the table, row and column.
func openJSON(key *seal.Key, c sealedColumn, id int64, rec []byte, v any) error {
	b, err := openSealed(key, c, id, rec)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s row %d column %s: %w: %w", c.table(), id, c.column(), ErrCorrupt, err)
	}
	return nil
}

// insertSealed inserts a row whose sealed column needs the row's own id
// in its associated data: it inserts a placeholder, learns the id (never
// reused: the tables are AUTOINCREMENT) and then writes the sealed value.
func insertSealed(ctx context.Context, tx *sql.Tx, key *seal.Key, c sealedColumn, v any, insert string, args ...any) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, insert+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, dbError("insert into "+c.table(), err)
	}
	return id, updateSealed(ctx, tx, key, c, id, v)
}

// updateSealed replaces the sealed column c of row id.
func updateSealed(ctx context.Context, tx *sql.Tx, key *seal.Key, c sealedColumn, id int64, v any) error {
	rec, err := sealJSON(key, c, id, v)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = ? WHERE id = ?", c.table(), c.column()), rec, id)
	if err != nil {
		return dbError("update "+c.table(), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update %s row %d: %w", c.table(), id, ErrNotFound)
	}
	return nil
}
