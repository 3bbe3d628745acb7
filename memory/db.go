package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"

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
	w, err = sql.Open("sqlite", "file:"+path+"?"+q.Encode())
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
	r, err = sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	r.SetMaxOpenConns(4)
	return w, r, nil
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
			return fmt.Errorf("%s: %w: %v", op, ErrCorrupt, err)
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
