package memory

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hearth-app/hearth/memory/internal/keys"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// Create makes a new store in dir, protected by passphrase, and returns
// it open together with the recovery key. Show the recovery key to the
// user once: it is not stored anywhere.
func Create(ctx context.Context, dir, passphrase string, opts ...Option) (*Store, string, error) {
	return createAt(ctx, dir, passphrase, SchemaVersion, opts...)
}

// createAt is Create with the schema stopped at version; tests use it to
// make stores of earlier versions.
func createAt(ctx context.Context, dir, passphrase string, version int, opts ...Option) (*Store, string, error) {
	if passphrase == "" {
		return nil, "", fmt.Errorf("create store: %w", ErrEmptyPassphrase)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", fmt.Errorf("create store: %w", err)
	}
	lock, err := LockDir(dir)
	if err != nil {
		return nil, "", fmt.Errorf("create store: %w", err)
	}
	s, printed, err := createLocked(ctx, dir, passphrase, version, lock, newOptions(opts))
	if err != nil {
		lock.Release()
		return nil, "", err
	}
	return s, printed, nil
}

// createLocked is createAt once the store lock is held. A kill at any
// point leaves either no hearth.db (the half-made hearth.db.creating is
// removed by the next Create) or a complete one.
func createLocked(ctx context.Context, dir, passphrase string, version int, lock *DirLock, o options) (*Store, string, error) {
	final := filepath.Join(dir, dbFile)
	if _, err := os.Stat(final); err == nil {
		return nil, "", fmt.Errorf("create store %s: %w", dir, ErrExists)
	}
	dek := make([]byte, seal.KeySize)
	_, _ = rand.Read(dek)
	storeID, keyID := newIDs()
	recoverySecret, printed := keys.NewRecoveryKey()
	pslot, err := keys.NewPassphraseSlot(dek, keyID, passphrase, o.kdf)
	if err != nil {
		return nil, "", fmt.Errorf("create store: %w", err)
	}
	rslot, err := keys.NewSecretSlot(keys.KindRecovery, dek, keyID, recoverySecret)
	if err != nil {
		return nil, "", fmt.Errorf("create store: %w", err)
	}
	tmp := final + creatingSuffix
	removeDB(tmp)
	if err := initDB(ctx, tmp, version, storeID, keyID, pslot, rslot); err != nil {
		removeDB(tmp)
		return nil, "", fmt.Errorf("create store: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		removeDB(tmp)
		return nil, "", fmt.Errorf("create store: %w", err)
	}
	syncDir(dir)
	s, err := openWithKey(ctx, dir, dek, o, lock)
	if err != nil {
		return nil, "", fmt.Errorf("create store: %w", err)
	}
	return s, printed, nil
}

// initDB writes a new database at path: WAL mode, the schema up to
// version, ids and key slots. It is renamed into place only when done.
func initDB(ctx context.Context, path string, version int, storeID string, keyID uint32, slots ...keys.Slot) error {
	w, r, err := openDB(path)
	if err != nil {
		return err
	}
	defer r.Close()
	defer w.Close()
	if _, err := w.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return dbError("set WAL mode", err)
	}
	if err := migrate(ctx, w, 0, version); err != nil {
		return err
	}
	return inTx(ctx, w, "write key slots", func(tx *sql.Tx) error {
		kid := binary.BigEndian.AppendUint32(nil, keyID)
		if _, err := tx.ExecContext(ctx, "INSERT INTO meta(name, value) VALUES('store_id', ?), ('key_id', ?)", []byte(storeID), kid); err != nil {
			return dbError("write metadata", err)
		}
		for _, s := range slots {
			if err := putSlot(ctx, tx, s); err != nil {
				return err
			}
		}
		return nil
	})
}

// openWithKey opens an existing store with an already unwrapped key; the
// store takes over lock, the caller's hold on dir.
func openWithKey(ctx context.Context, dir string, dek []byte, o options, lock *DirLock) (*Store, error) {
	s := &Store{dir: dir, opts: o, lock: lock}
	var err error
	if s.w, s.r, err = openDB(filepath.Join(dir, dbFile)); err != nil {
		return nil, err
	}
	if err = s.readMeta(ctx); err == nil {
		err = s.unlockWith(ctx, dek)
	}
	if err != nil {
		s.w.Close()
		s.r.Close()
		return nil, err
	}
	return s, nil
}

// creatingSuffix names the database Create writes before renaming it
// into place.
const creatingSuffix = ".creating"

// removeDB deletes a database file and its WAL and shared-memory files.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			continue
		}
	}
}

// syncDir makes a rename in dir durable (best effort where unsupported).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
