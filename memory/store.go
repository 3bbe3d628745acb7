package memory

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hearth-app/hearth/memory/internal/index"
	"github.com/hearth-app/hearth/memory/internal/seal"
	"github.com/hearth-app/hearth/memory/internal/vecindex"
)

// Store is an open Hearth store. It is safe for concurrent use: one
// writer at a time, readers in parallel.
type Store struct {
	dir     string
	opts    options
	w, r    *sql.DB
	storeID string
	keyID   uint32
	lock    *DirLock // held from Open or Create until Close

	wmu sync.Mutex   // one writer; taken before mu
	mu  sync.RWMutex // guards the fields below
	key *seal.Key    // nil while locked
	tag []byte       // HMAC key for setting names
	idx *index.Index
	// base lists the saved segments a spilled idx leaves out, oldest
	// first; nil when idx holds the whole index (indexspill.go).
	base []segState
	// noSpill is set once a spilled index had to be loaded whole.
	noSpill bool
	// applied is the last index_log seq reflected in idx.
	applied int64
	// indexStale is set when idx may miss a committed change; the
	// snapshot is then skipped so the next unlock replays the log.
	indexStale bool
	closed     bool
	// vecs is the in-memory vector index of the model tagged vecTag
	// (library_vecindex.go); nil until loaded.
	vecs   *vecindex.Index
	vecTag []byte
	// rawSegs are the stored index segments written uncompressed (by a
	// store from before segments were packed), guarded by wmu.
	rawSegs map[uint64]bool
}

// Dir returns the store's data directory.
func (s *Store) Dir() string { return s.dir }

// Open opens the store in dir and unlocks it. It returns ErrNoStore when
// there is none, ErrWrongPassphrase (nothing written) when the secret is
// wrong, ErrCorrupt when the file is damaged.
func Open(ctx context.Context, dir string, u Unlocker, opts ...Option) (*Store, error) {
	path := filepath.Join(dir, dbFile)
	fi, err := os.Stat(path)
	if os.IsNotExist(err) {
		return nil, fmt.Errorf("open store %s: %w", dir, ErrNoStore)
	}
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if fi.Size() == 0 {
		return nil, fmt.Errorf("open store %s: zero-length database: %w", dir, ErrCorrupt)
	}
	lock, err := LockDir(dir)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &Store{dir: dir, opts: newOptions(opts), lock: lock}
	if s.w, s.r, err = openDB(path); err != nil {
		lock.Release()
		return nil, err
	}
	hadWAL := exists(path + "-wal")
	if err := s.open(ctx, u); err != nil {
		s.w.Close()
		s.r.Close()
		if !hadWAL {
			removeEmptyWAL(path)
		}
		lock.Release()
		return nil, fmt.Errorf("open store: %w", err)
	}
	removeDB(filepath.Join(dir, backupTemp)) // left by a backup cut short
	return s, nil
}

// Exists reports whether dir holds a store: a complete hearth.db. A
// directory with only the leftovers of a Create or Restore cut short
// holds none (the next Create or Restore clears them).
func Exists(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, dbFile))
	return err == nil && fi.Mode().IsRegular()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// removeEmptyWAL deletes the empty -wal and the -shm files that a
// read-only connection leaves behind, so a failed open leaves the
// directory as it found it. A WAL with content is never touched.
func removeEmptyWAL(path string) {
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() == 0 {
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
	}
}

// open checks the file, unlocks, migrates and builds the index. Nothing
// is written before the unlock succeeds.
func (s *Store) open(ctx context.Context, u Unlocker) error {
	v, err := schemaVersion(ctx, s.r)
	if err != nil {
		return err
	}
	switch {
	case v == 0:
		return fmt.Errorf("schema version 0, not a Hearth store: %w", ErrCorrupt)
	case v > SchemaVersion:
		return fmt.Errorf("schema v%d, this build reads up to v%d: %w", v, SchemaVersion, ErrNewerVersion)
	}
	if err := s.readMeta(ctx); err != nil {
		return err
	}
	start := time.Now()
	dek, err := s.unwrap(ctx, u)
	if err != nil {
		return err
	}
	defer clear(dek)
	unwrapped := time.Now()
	if err := s.checkIntegrity(ctx); err != nil {
		return err
	}
	checked := time.Now()
	if err := migrate(ctx, s.w, v, SchemaVersion); err != nil {
		return err
	}
	err = s.unlockWith(ctx, dek)
	s.opts.log.Debug("store opened", "kdf", unwrapped.Sub(start), "check", checked.Sub(unwrapped), "index", time.Since(checked))
	return err
}

// checkIntegrity runs SQLite's quick check, table by table, so a damaged
// file is refused at open instead of failing later. The document library's
// bulk tables (libraryBulkTables) are left out: they grow with the
// library, so checking them would make every start as slow as reading the
// whole library, and what they hold is derived from the person's folders.
// SQLite still checks each of their pages when it reads it, and each value
// is authenticated when it is opened, so damage there is ErrCorrupt at
// the first read rather than at open.
func (s *Store) checkIntegrity(ctx context.Context) error {
	tables, err := s.checkedTables(ctx)
	if err != nil {
		return err
	}
	for _, t := range tables {
		var res string
		if err := s.r.QueryRowContext(ctx, "PRAGMA quick_check("+quoteIdent(t)+")").Scan(&res); err != nil {
			return dbError("check database", err)
		}
		if res != "ok" {
			return fmt.Errorf("check database: %s: %w", res, ErrCorrupt)
		}
	}
	return nil
}

// libraryBulkTables are the tables whose size follows the document library:
// chunks, their vectors and the keyword index's segments.
var libraryBulkTables = map[string]bool{"chunks": true, "chunk_vectors": true, "index_segments": true}

// checkedTables lists the tables the open check covers: every table of the
// schema but the library's bulk ones. Reading the schema itself is the
// first check of the file's header and first page.
func (s *Store) checkedTables(ctx context.Context) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	if err != nil {
		return nil, dbError("check database", err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, dbError("check database", err)
		}
		if !libraryBulkTables[name] {
			tables = append(tables, name)
		}
	}
	return tables, dbError("check database", rows.Err())
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// Lock forgets the data key and the in-memory index (after saving the
// sealed index snapshot). Every call but Unlock, Lock and Close then
// returns ErrLocked.
func (s *Store) Lock(ctx context.Context) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	return s.lockLocked(ctx)
}

func (s *Store) lockLocked(ctx context.Context) error {
	if s.key == nil {
		return nil
	}
	err := s.saveIndexLocked(ctx)
	if s.idx != nil {
		s.idx.Close()
	}
	forgetKeys(s.tag)
	s.key, s.idx, s.tag, s.base = nil, nil, nil, nil
	s.vecs, s.vecTag = nil, nil
	return err
}

// forgetKeys zeroes key material the store owns, best effort. Go gives no
// guarantee that no other copy exists: the cipher inside seal.Key keeps
// its own copy of the sealing key (unexported in x/crypto, so it is only
// dropped, for the garbage collector), the runtime may have moved or
// copied a slice, freed memory is not wiped, and passphrases arrive as
// immutable strings. What the store can do is not keep keys longer than
// needed and zero every byte slice it holds.
func forgetKeys(slices ...[]byte) {
	for _, b := range slices {
		clear(b)
	}
}

// Unlock unlocks a locked store again.
func (s *Store) Unlock(ctx context.Context, u Unlocker) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.state(); err != ErrLocked {
		return err
	}
	dek, err := s.unwrap(ctx, u)
	if err != nil {
		return fmt.Errorf("unlock store: %w", err)
	}
	return s.unlockWith(ctx, dek)
}

// Locked reports whether the store is locked.
func (s *Store) Locked() bool { return s.state() == ErrLocked }

// state returns ErrClosed, ErrLocked or nil.
func (s *Store) state() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	switch {
	case s.closed:
		return ErrClosed
	case s.key == nil:
		return ErrLocked
	}
	return nil
}

// Close saves the sealed index snapshot, locks and closes the store.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	err := s.lockLocked(context.Background())
	s.closed = true
	if e := s.r.Close(); err == nil && e != nil {
		err = fmt.Errorf("close store: %w", e)
	}
	if e := s.w.Close(); err == nil && e != nil {
		err = fmt.Errorf("close store: %w", e)
	}
	s.lock.Release()
	return err
}
