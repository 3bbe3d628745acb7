// Package memory is Hearth's encrypted store: conversations (as message
// trees), memories about the user, settings, documents and their chunks,
// and full-text search over messages and memories.
//
// # Lifetime
//
//	s, err := memory.Open(ctx, dir, memory.Passphrase(p))
//	if errors.Is(err, memory.ErrNoStore) {
//		s, recoveryKey, err = memory.Create(ctx, dir, p) // show recoveryKey once
//	}
//	defer s.Close()
//
// Lock forgets the keys and the in-memory index; Unlock brings them back.
// Every method of a locked store returns ErrLocked.
//
// One store has one writer: from Open, Create or Restore until Close the
// store holds an exclusive OS lock (the file DIR.lock beside the store
// directory), and a second Open, in another process or this one, fails
// with ErrInUse before it reads or writes anything.
//
// # Storage
//
// One SQLite database (modernc.org/sqlite, pure Go) in WAL mode with
// synchronous=FULL, secure_delete=ON and temp_store=MEMORY; one writer
// connection and a pool of read-only readers. The schema is versioned
// with PRAGMA user_version and migrated forward only (schema.go).
//
// # Encryption
//
// SQLite cannot encrypt pages, so every user-derived value is sealed on
// its own (package seal): XChaCha20-Poly1305 with a random nonce, the
// associated data binding format version, key id, table, row id and
// column. The data key is random; it is wrapped under Argon2id of the
// passphrase, under a recovery key, and optionally under a secret in the
// OS keyring (package keys). What stays clear is structure: row ids,
// which message answers which, which conversation a message belongs to,
// and sealed sizes rounded up to buckets. Timestamps are sealed.
//
// # Search
//
// A Bleve index (scorch, in memory: package index) over messages and
// memories. Its segments are saved sealed in the database at Close, Lock
// and SaveIndex, and loaded at unlock without re-analysis; changes after
// the snapshot are replayed from index_log, a table written in the same
// transaction as each change. See RATIONALE.md.
package memory
