package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dbFile is the store's database inside the data directory.
const dbFile = "hearth.db"

// pragmas apply to every connection. WAL with synchronous=FULL makes each
// commit durable before it returns; secure_delete zeroes freed content;
// temp_store=MEMORY keeps sorts and temporary tables out of TMPDIR.
// No mmap: a truncated file must give an error, not a SIGBUS.
func pragmas() []string {
	return []string{
		"busy_timeout(10000)",
		"synchronous(FULL)",
		"secure_delete(ON)",
		"foreign_keys(ON)",
		"temp_store(MEMORY)",
	}
}

// openDB opens the one-connection writer pool and the reader pool.
func openDB(path string) (w, r *sql.DB, err error) {
	q := url.Values{}
	for _, p := range pragmas() {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	if path, err = filepath.Abs(path); err != nil {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	w, err = sql.Open("sqlite", fileURI(path, q))
	if err != nil {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	w.SetMaxOpenConns(1)
	// Readers are read-only connections: a failed unlock, which uses only
	// them, leaves every file as it was (a read-write connection would
	// checkpoint the WAL when it closes).
	q.Set("_txlock", "deferred")
	q.Set("mode", "ro")
	q.Add("_pragma", "query_only(ON)")
	r, err = sql.Open("sqlite", fileURI(path, q))
	if err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	r.SetMaxOpenConns(4)
	return w, r, nil
}

// fileURI returns the SQLite URI of the absolute path with the query q.
// Every byte of the path but unreserved characters, '/' and ':' is
// percent-encoded, so '?', '#', '%', spaces and non-ASCII letters in a
// data folder name the right file instead of starting the query (where
// the pragmas are), a fragment or an escape. The empty authority
// ("file://" then the path) keeps a path that starts with "//" (a UNC
// share on Windows) from reading as a host; a Windows drive path becomes
// "/C:/...", which SQLite accepts.
func fileURI(path string, q url.Values) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '/' || c == ':' || c == '-' || c == '.' || c == '_' || c == '~' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	b.WriteByte('?')
	b.WriteString(q.Encode())
	return b.String()
}

// dbError maps SQLite's corruption codes to ErrCorrupt.
func dbError(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%s: %w: %w", op, ErrCorrupt, err)
		}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// inTx runs f in an immediate (writing) transaction.
func inTx(ctx context.Context, db *sql.DB, op string, f func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return dbError(op, err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return dbError(op, tx.Commit())
}
