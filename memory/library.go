package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hearth-app/hearth/memory/internal/seal"
)

// LibrarySource is a folder the user added to the document library. Its
// path is sealed; the store finds it by a keyed tag of the path.
type LibrarySource struct {
	ID    int64     `json:"id"`
	Path  string    `json:"path"`
	Added time.Time `json:"added"`
}

type sourceBody struct {
	Path  string    `json:"p"`
	Added time.Time `json:"a"`
}

// pathTag is the blind index of a library path (a source folder or a
// file): HMAC-SHA256 under the store's tag key, in a domain of its own
// so it never equals a setting's name tag.
func (s *Store) pathTag(kind, path string) ([]byte, error) {
	return s.nameTag(libraryPathName(kind, path))
}

// libraryPathName is what a library path's tag is computed over.
func libraryPathName(kind, path string) string { return "library\x00" + kind + "\x00" + path }

// AddSource adds a folder to the document library and returns it; a
// folder already added is returned as it is.
func (s *Store) AddSource(ctx context.Context, path string) (LibrarySource, error) {
	tag, err := s.pathTag("source", path)
	if err != nil {
		return LibrarySource{}, err
	}
	var src LibrarySource
	err = s.write(ctx, "add source", func(w *writeTx) error {
		got, err := scanSource(w.tx.QueryRowContext(ctx, "SELECT id, body FROM doc_sources WHERE path_tag = ?", tag), w.key)
		if err == nil {
			src = got
			return nil
		}
		if !errors.Is(err, ErrNotFound) {
			return err
		}
		b := sourceBody{Path: path, Added: s.opts.now().UTC()}
		id, err := insertSealed(ctx, w.tx, w.key, colSourceBody, b, "INSERT INTO doc_sources(path_tag, body) VALUES(?, x'')", tag)
		src = LibrarySource{ID: id, Path: path, Added: b.Added}
		return err
	})
	return src, err
}

// Sources lists the library's folders, oldest first.
func (s *Store) Sources(ctx context.Context) ([]LibrarySource, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, body FROM doc_sources ORDER BY id")
	if err != nil {
		return nil, dbError("list sources", err)
	}
	defer rows.Close()
	var out []LibrarySource
	for rows.Next() {
		src, err := scanSource(rows, key)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, dbError("list sources", rows.Err())
}

// SourceByPath returns the library folder added as path, or ErrNotFound.
func (s *Store) SourceByPath(ctx context.Context, path string) (LibrarySource, error) {
	tag, err := s.pathTag("source", path)
	if err != nil {
		return LibrarySource{}, err
	}
	key, err := s.unlockedKey()
	if err != nil {
		return LibrarySource{}, err
	}
	return scanSource(s.r.QueryRowContext(ctx, "SELECT id, body FROM doc_sources WHERE path_tag = ?", tag), key)
}

func scanSource(row scanner, key *seal.Key) (LibrarySource, error) {
	var id int64
	var rec []byte
	if err := row.Scan(&id, &rec); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return LibrarySource{}, fmt.Errorf("source: %w", ErrNotFound)
		}
		return LibrarySource{}, dbError("read source", err)
	}
	var b sourceBody
	if err := openJSON(key, colSourceBody, id, rec, &b); err != nil {
		return LibrarySource{}, err
	}
	return LibrarySource{ID: id, Path: b.Path, Added: b.Added}, nil
}

// RemoveSource removes a folder from the library with every file,
// document and chunk under it, in one transaction, and leaves none of
// their ciphertext in the write-ahead log.
func (s *Store) RemoveSource(ctx context.Context, id int64) error {
	err := s.write(ctx, "remove source", func(w *writeTx) error {
		docs, err := int64s(ctx, w.tx, "SELECT document_id FROM doc_files WHERE source_id = ? AND document_id IS NOT NULL", id)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := w.deleteDocument(ctx, d); err != nil {
				return err
			}
		}
		res, err := w.tx.ExecContext(ctx, "DELETE FROM doc_sources WHERE id = ?", id)
		if err != nil {
			return dbError("remove source", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("remove source %d: %w", id, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.scrubWAL(ctx)
}

// int64s runs a query of one integer column and returns its values.
func int64s(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, dbError("query ids", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, dbError("query ids", err)
		}
		out = append(out, id)
	}
	return out, dbError("query ids", rows.Err())
}
