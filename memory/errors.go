package memory

import "errors"

// ErrNoStore reports that the data directory holds no store yet: the
// caller may Create one.
var ErrNoStore = errors.New("memory: no store in this directory")

// ErrExists reports that Create or Restore found a store already there.
var ErrExists = errors.New("memory: a store already exists in this directory")

// ErrWrongPassphrase reports a passphrase or recovery key that does not
// unlock the store. Nothing was written.
var ErrWrongPassphrase = errors.New("memory: wrong passphrase or recovery key")

// ErrEmptyPassphrase reports an empty passphrase, never accepted.
var ErrEmptyPassphrase = errors.New("memory: empty passphrase")

// ErrLocked reports use of a locked store: Unlock it first.
var ErrLocked = errors.New("memory: store is locked")

// ErrClosed reports use of a closed store.
var ErrClosed = errors.New("memory: store is closed")

// ErrTampered reports a stored value or key slot that failed
// authentication: it was altered, moved or replaced. The wrapping error
// names the table, row and column.
var ErrTampered = errors.New("memory: stored data failed authentication (tampered or moved)")

// ErrWeakKDF reports a passphrase slot whose stored Argon2id parameters
// are below the floor; it also matches ErrTampered.
var ErrWeakKDF = errors.New("memory: stored key derivation parameters below the floor")

// ErrCorrupt reports a database file that is damaged or not a Hearth
// store: the store refuses to open rather than appear empty.
var ErrCorrupt = errors.New("memory: store database is corrupt")

// ErrNewerVersion reports a store written by a newer Hearth.
var ErrNewerVersion = errors.New("memory: store was written by a newer version")

// ErrNotFound reports a missing conversation, message, memory, setting or
// document.
var ErrNotFound = errors.New("memory: not found")

// ErrNoKeyring reports that no OS keyring is usable; the passphrase still
// unlocks the store.
var ErrNoKeyring = errors.New("memory: no OS keyring available, use the passphrase")

// ErrBadBackup reports a backup file that is damaged, truncated or not a
// Hearth backup.
var ErrBadBackup = errors.New("memory: backup file is damaged or not a Hearth backup")

// ErrInUse reports a store that another process (or another open Store)
// holds: one store has one writer. Close the other one first.
var ErrInUse = errors.New("memory: the store is open in another process")
