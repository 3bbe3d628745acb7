package app

import (
	"context"
	"errors"

	"github.com/hearth-app/hearth/memory"
)

// VaultService is bound to the window: first run (create the store), unlock,
// recovery, lock and the auto-lock delay.
type VaultService struct {
	vault *Vault
}

// NewVaultService returns the window's service for vault.
func NewVaultService(vault *Vault) *VaultService { return &VaultService{vault: vault} }

// VaultStatus is what the window needs to know to show the first-run, unlock
// or main screens.
type VaultStatus struct {
	Created         bool   `json:"created"`
	Unlocked        bool   `json:"unlocked"`
	DataDir         string `json:"dataDir"`
	AutoLockMinutes int    `json:"autoLockMinutes"`
}

// Status reports whether the store exists and is unlocked.
func (s *VaultService) Status() VaultStatus {
	return VaultStatus{
		Created:         s.vault.Exists(),
		Unlocked:        s.vault.Unlocked(),
		DataDir:         s.vault.dir,
		AutoLockMinutes: int(s.vault.AutoLock().Minutes()),
	}
}

// Create makes the store with the passphrase and returns the recovery key,
// which the window shows once.
func (s *VaultService) Create(passphrase string) (string, error) {
	return s.vault.Create(context.Background(), passphrase)
}

// Unlock unlocks the store with the passphrase.
func (s *VaultService) Unlock(passphrase string) error {
	return s.vault.Unlock(context.Background(), memory.Passphrase(passphrase))
}

// Recover unlocks the store with the recovery key and sets a new passphrase.
func (s *VaultService) Recover(recoveryKey, newPassphrase string) error {
	if newPassphrase == "" {
		return errors.New("choose a new passphrase")
	}
	ctx := context.Background()
	if err := s.vault.Unlock(ctx, memory.RecoveryKey(recoveryKey)); err != nil {
		if errors.Is(err, errWrongPassphrase) {
			return errors.New("that recovery key does not open this store")
		}
		return err
	}
	return s.vault.Use(func(st *memory.Store) error {
		return storeError(st.ChangePassphrase(ctx, memory.RecoveryKey(recoveryKey), newPassphrase))
	})
}

// ChangePassphrase replaces the passphrase after checking the current one.
func (s *VaultService) ChangePassphrase(current, next string) error {
	if next == "" {
		return errors.New("the new passphrase is empty")
	}
	ctx := context.Background()
	return s.vault.Use(func(st *memory.Store) error {
		return storeError(st.ChangePassphrase(ctx, memory.Passphrase(current), next))
	})
}

// RotateKey re-encrypts everything in the store under a fresh data key
// after checking the passphrase, which stays the same, and returns the new
// recovery key, which the window shows once (the old one stops working).
func (s *VaultService) RotateKey(passphrase string) (string, error) {
	return s.vault.RotateKey(context.Background(), passphrase)
}

// Lock locks the store now.
func (s *VaultService) Lock() error { return s.vault.Lock(context.Background()) }

// Touch tells the vault the person is using the window (resets auto-lock).
func (s *VaultService) Touch() { s.vault.Touch() }

// SetAutoLock sets the auto-lock delay in minutes (0: never).
func (s *VaultService) SetAutoLock(minutes int) error {
	return s.vault.SetAutoLock(context.Background(), minutes)
}
