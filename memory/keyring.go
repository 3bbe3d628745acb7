package memory

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"fmt"

	"github.com/hearth-app/hearth/memory/internal/keys"
)

// EnableKeyring adds a slot unlocked by a random secret kept in the OS
// keyring, so the app can unlock without asking. It returns an error
// wrapping ErrNoKeyring when the keyring is unusable; the passphrase
// keeps working either way.
func (s *Store) EnableKeyring(ctx context.Context, current Unlocker, kr keys.Keyring) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.state(); err != nil {
		return err
	}
	dek, err := s.unwrap(ctx, current)
	if err != nil {
		return fmt.Errorf("enable keyring: %w", err)
	}
	defer clear(dek)
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	defer clear(secret)
	slot, err := keys.NewSecretSlot(keys.KindKeyring, dek, s.keyID, secret)
	if err != nil {
		return fmt.Errorf("enable keyring: %w", err)
	}
	if err := kr.Set(ctx, s.storeID, base64.StdEncoding.EncodeToString(secret)); err != nil {
		return fmt.Errorf("enable keyring: %w: %w", ErrNoKeyring, err)
	}
	return inTx(ctx, s.w, "enable keyring", func(tx *sql.Tx) error { return putSlot(ctx, tx, slot) })
}

// DisableKeyring removes the keyring slot and, best effort, the keyring
// entry.
func (s *Store) DisableKeyring(ctx context.Context, kr keys.Keyring) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.state(); err != nil {
		return err
	}
	err := inTx(ctx, s.w, "disable keyring", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM keyslots WHERE kind = ?", int(keys.KindKeyring))
		return dbError("disable keyring", err)
	})
	if err == nil && kr != nil {
		_ = kr.Delete(ctx, s.storeID)
	}
	return err
}
