package app

import (
	"context"
	"errors"

	"github.com/hearth-app/hearth/memory"
)

// RotateKey re-encrypts the store under a fresh data key, keeping the
// passphrase pass (which must be the current one), and returns the new
// recovery key to show once; the old recovery key stops working. It holds
// the vault exclusively, so no service reads the store while its key
// changes. See memory.Store.RotateKey for what rotation protects.
func (v *Vault) RotateKey(ctx context.Context, pass string) (string, error) {
	if pass == "" {
		return "", errors.New("type your passphrase to rotate the data key")
	}
	v.exclusive()
	defer v.mu.Unlock()
	if v.st == nil || v.st.Locked() {
		return "", ErrLocked
	}
	defer v.beginBackground() // what the rotation stopped picks up again
	recovery, err := v.st.RotateKey(ctx, memory.Passphrase(pass), pass)
	if err != nil {
		return "", storeError(err)
	}
	v.touch()
	return recovery, nil
}
