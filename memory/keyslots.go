package memory

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"

	"golang.org/x/crypto/hkdf"

	"github.com/hearth-app/hearth/memory/internal/keys"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// readMeta loads the store id and key id.
func (s *Store) readMeta(ctx context.Context) error {
	var id, kid []byte
	err := s.r.QueryRowContext(ctx, "SELECT (SELECT value FROM meta WHERE name='store_id'), (SELECT value FROM meta WHERE name='key_id')").Scan(&id, &kid)
	if err != nil {
		return dbError("read store metadata", err)
	}
	if len(id) == 0 || len(kid) != 4 {
		return fmt.Errorf("read store metadata: missing ids: %w", ErrCorrupt)
	}
	s.storeID, s.keyID = string(id), binary.BigEndian.Uint32(kid)
	return nil
}

// readSlots loads every key slot. A slot that does not parse or names
// another key id is reported as tampering.
func (s *Store) readSlots(ctx context.Context) (map[keys.Kind]keys.Slot, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT kind, slot FROM keyslots")
	if err != nil {
		return nil, dbError("read key slots", err)
	}
	defer rows.Close()
	slots := map[keys.Kind]keys.Slot{}
	for rows.Next() {
		var kind int
		var b []byte
		if err := rows.Scan(&kind, &b); err != nil {
			return nil, dbError("read key slots", err)
		}
		slot, err := keys.ParseSlot(b)
		if err != nil {
			return nil, fmt.Errorf("read key slot %d: %w: %w", kind, ErrTampered, err)
		}
		if int(slot.Kind) != kind || slot.KeyID != s.keyID {
			return nil, fmt.Errorf("read key slot %d: %w", kind, ErrTampered)
		}
		slots[slot.Kind] = slot
	}
	return slots, dbError("read key slots", rows.Err())
}

// unwrap returns the data key using u.
func (s *Store) unwrap(ctx context.Context, u Unlocker) ([]byte, error) {
	slots, err := s.readSlots(ctx)
	if err != nil {
		return nil, err
	}
	return u.unlock(ctx, &unlocking{slots: slots, floor: s.opts.floor, storeID: s.storeID})
}

// subkey derives a purpose-bound key from the data key.
func subkey(dek []byte, purpose string) []byte {
	k := make([]byte, 32)
	_, _ = io.ReadFull(hkdf.New(sha256.New, dek, nil, []byte("hearth "+purpose)), k)
	return k
}

// unlockWith installs the keys derived from dek and builds the index. It
// zeroes dek and the seal sub-key (the cipher keeps its own copy).
func (s *Store) unlockWith(ctx context.Context, dek []byte) error {
	defer clear(dek)
	sk := subkey(dek, "seal v1")
	defer clear(sk)
	key, err := seal.NewKey(s.keyID, sk)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.key, s.tag = key, subkey(dek, "setting names v1")
	s.mu.Unlock()
	if s.opts.lazy {
		return nil
	}
	return s.loadIndex(ctx)
}

// newIDs returns a fresh random store id and key id.
func newIDs() (storeID string, keyID uint32) {
	var b [20]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:16]), binary.BigEndian.Uint32(b[16:])
}

// putSlot writes or replaces the slot of its kind.
func putSlot(ctx context.Context, tx *sql.Tx, slot keys.Slot) error {
	b, _ := slot.MarshalBinary()
	_, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO keyslots(kind, slot) VALUES(?, ?)", int(slot.Kind), b)
	return dbError("write key slot", err)
}

// ChangePassphrase re-wraps the data key under a new passphrase. The
// data is not re-encrypted (RotateKey does that). The new slot replaces
// the old one in one transaction: after a crash exactly one of the two
// passphrases works. The WAL is then checkpointed and truncated, so the
// old slot lingers neither in the -wal file nor (secure_delete) in the
// database.
func (s *Store) ChangePassphrase(ctx context.Context, current Unlocker, next string) error {
	if next == "" {
		return fmt.Errorf("change passphrase: %w", ErrEmptyPassphrase)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.state(); err != nil {
		return err
	}
	dek, err := s.unwrap(ctx, current)
	if err != nil {
		return fmt.Errorf("change passphrase: %w", err)
	}
	defer clear(dek)
	slot, err := keys.NewPassphraseSlot(dek, s.keyID, next, s.opts.kdf)
	if err != nil {
		return fmt.Errorf("change passphrase: %w", err)
	}
	if err := inTx(ctx, s.w, "change passphrase", func(tx *sql.Tx) error { return putSlot(ctx, tx, slot) }); err != nil {
		return err
	}
	return s.scrubWAL(ctx)
}

// NewRecoveryKey replaces the recovery key; the old one stops working
// and its slot is scrubbed from the WAL as in ChangePassphrase. The
// returned key is shown to the user once and never stored.
func (s *Store) NewRecoveryKey(ctx context.Context, current Unlocker) (string, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.state(); err != nil {
		return "", err
	}
	dek, err := s.unwrap(ctx, current)
	if err != nil {
		return "", fmt.Errorf("new recovery key: %w", err)
	}
	defer clear(dek)
	secret, printed := keys.NewRecoveryKey()
	defer clear(secret)
	slot, err := keys.NewSecretSlot(keys.KindRecovery, dek, s.keyID, secret)
	if err != nil {
		return "", fmt.Errorf("new recovery key: %w", err)
	}
	if err := inTx(ctx, s.w, "new recovery key", func(tx *sql.Tx) error { return putSlot(ctx, tx, slot) }); err != nil {
		return "", err
	}
	return printed, s.scrubWAL(ctx)
}
