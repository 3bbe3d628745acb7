package app

import (
	"context"
	"errors"

	"github.com/hearth-app/hearth/memory"
)

// vaultSettings reads and writes the sealed settings through the vault, one
// short borrow per call, so that long work (a download) never holds the
// store.
type vaultSettings struct {
	vault *Vault
}

// get returns the setting name, or ok false when it has never been set.
func (s vaultSettings) get(name string) (val []byte, ok bool, err error) {
	err = s.vault.Use(func(st *memory.Store) error {
		b, err := st.Setting(context.Background(), name)
		if errors.Is(err, memory.ErrNotFound) {
			return nil
		}
		val, ok = b, err == nil
		return err
	})
	return val, ok, err
}

// put keeps value under name.
func (s vaultSettings) put(name string, value []byte) error {
	return s.vault.Use(func(st *memory.Store) error {
		return st.SetSetting(context.Background(), name, value)
	})
}

// remove deletes the setting name (nothing happens when it is unset).
func (s vaultSettings) remove(name string) error {
	return s.vault.Use(func(st *memory.Store) error {
		err := st.DeleteSetting(context.Background(), name)
		if errors.Is(err, memory.ErrNotFound) {
			return nil
		}
		return err
	})
}

// libraryStore is the model library's Store over the vault: the same keys
// as the command line's sealedSettings, so both see the same models.
type libraryStore struct{ settings vaultSettings }

// Get returns the library's value for key (nil when unset).
func (s libraryStore) Get(key string) ([]byte, error) {
	v, _, err := s.settings.get("library/" + key)
	return v, err
}

// Put stores the library's value for key.
func (s libraryStore) Put(key string, val []byte) error {
	return s.settings.put("library/"+key, val)
}
