package memory

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/memory/internal/keys"
)

// Unlocker supplies the secret that unwraps the store's data key. Build
// one with Passphrase, PassphrasePrompt, RecoveryKey or Keyring.
type Unlocker interface {
	unlock(ctx context.Context, u *unlocking) ([]byte, error)
}

// unlocking is what an Unlocker works against: the store's slots.
type unlocking struct {
	slots   map[keys.Kind]keys.Slot
	floor   keys.Params
	storeID string
}

// Passphrase unlocks with a passphrase (as from HEARTH_PASSPHRASE).
func Passphrase(p string) Unlocker { return passphrase(p) }

type passphrase string

func (p passphrase) unlock(_ context.Context, u *unlocking) ([]byte, error) {
	if p == "" {
		return nil, fmt.Errorf("unlock: %w", ErrEmptyPassphrase)
	}
	slot, ok := u.slots[keys.KindPassphrase]
	if !ok {
		return nil, fmt.Errorf("unlock: no passphrase slot: %w", ErrCorrupt)
	}
	dek, err := slot.OpenPassphrase(string(p), u.floor)
	switch {
	case errors.Is(err, keys.ErrBelowFloor):
		return nil, fmt.Errorf("unlock: passphrase slot: %w: %w: %w", ErrWeakKDF, ErrTampered, err)
	case errors.Is(err, keys.ErrWrongSecret):
		return nil, fmt.Errorf("unlock: passphrase slot: %w", ErrWrongPassphrase)
	case err != nil:
		return nil, fmt.Errorf("unlock: passphrase slot: %w", err)
	}
	return dek, nil
}

// PassphrasePrompt asks for the passphrase only when it is needed (for
// example after the keyring failed).
func PassphrasePrompt(ask func(ctx context.Context) (string, error)) Unlocker {
	return prompt(ask)
}

type prompt func(ctx context.Context) (string, error)

func (f prompt) unlock(ctx context.Context, u *unlocking) ([]byte, error) {
	p, err := f(ctx)
	if err != nil {
		return nil, fmt.Errorf("unlock: read passphrase: %w", err)
	}
	return passphrase(p).unlock(ctx, u)
}

// RecoveryKey unlocks with the recovery key printed at Create.
func RecoveryKey(printed string) Unlocker { return recovery(printed) }

type recovery string

func (r recovery) unlock(_ context.Context, u *unlocking) ([]byte, error) {
	secret, err := keys.ParseRecoveryKey(string(r))
	if err != nil {
		return nil, fmt.Errorf("unlock: %w: %w", ErrWrongPassphrase, err)
	}
	defer clear(secret)
	slot, ok := u.slots[keys.KindRecovery]
	if !ok {
		return nil, fmt.Errorf("unlock: no recovery slot: %w", ErrWrongPassphrase)
	}
	dek, err := slot.OpenSecret(secret)
	if err != nil {
		return nil, fmt.Errorf("unlock: recovery slot: %w", ErrWrongPassphrase)
	}
	return dek, nil
}

// Keyring unlocks with the secret kept in the OS keyring (see
// EnableKeyring). When the keyring is missing, has no entry, or its
// secret fails, it calls notice with a one-line explanation and falls
// back to fallback, usually a passphrase.
func Keyring(kr keys.Keyring, fallback Unlocker, notice func(string)) Unlocker {
	return keyringUnlocker{kr: kr, fallback: fallback, notice: notice}
}

type keyringUnlocker struct {
	kr       keys.Keyring
	fallback Unlocker
	notice   func(string)
}

func (k keyringUnlocker) unlock(ctx context.Context, u *unlocking) ([]byte, error) {
	dek, err := k.try(ctx, u)
	if err == nil {
		return dek, nil
	}
	if k.notice != nil {
		k.notice(fmt.Sprintf("OS keyring not used (%v); falling back to the passphrase", err))
	}
	if k.fallback == nil {
		return nil, fmt.Errorf("unlock: %w", err)
	}
	return k.fallback.unlock(ctx, u)
}

func (k keyringUnlocker) try(ctx context.Context, u *unlocking) ([]byte, error) {
	slot, ok := u.slots[keys.KindKeyring]
	if !ok {
		return nil, errors.New("keyring unlock not enabled for this store")
	}
	enc, err := k.kr.Get(ctx, u.storeID)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoKeyring, err)
	}
	secret, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return nil, fmt.Errorf("keyring entry malformed: %w", err)
	}
	defer clear(secret)
	dek, err := slot.OpenSecret(secret)
	if err != nil {
		return nil, errors.New("keyring secret does not match this store")
	}
	return dek, nil
}
