package app

import (
	"context"
	"errors"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/tool"
)

// toolStore keeps the tool registry's and the MCP client's data (server
// command lines, pins, grants, logs, the audit log) in the encrypted
// store's sealed settings, under names that start with "tools/" or "mcp/".
type toolStore struct{ st *memory.Store }

var _ tool.Store = toolStore{}

// Get returns the sealed setting key.
func (s toolStore) Get(ctx context.Context, key string) ([]byte, bool, error) {
	v, err := s.st.Setting(ctx, key)
	if errors.Is(err, memory.ErrNotFound) {
		return nil, false, nil
	}
	return v, err == nil, err
}

// Put seals value under key.
func (s toolStore) Put(ctx context.Context, key string, value []byte) error {
	return s.st.SetSetting(ctx, key, value)
}

// Delete removes key.
func (s toolStore) Delete(ctx context.Context, key string) error {
	return s.st.DeleteSetting(ctx, key)
}

// vaultToolStore is toolStore over the vault: it borrows the store for
// each read or write, so a long-lived MCP manager and the chat loop never
// hold it while a model generates or a tool runs. It does not count as the
// person's activity for the auto-lock.
type vaultToolStore struct{ v *Vault }

var _ tool.Store = vaultToolStore{}

// Get returns the sealed setting key.
func (s vaultToolStore) Get(ctx context.Context, key string) (val []byte, ok bool, err error) {
	err = s.v.useQuietly(func(st *memory.Store) error {
		val, ok, err = toolStore{st}.Get(ctx, key)
		return err
	})
	return val, ok, err
}

// Put seals value under key.
func (s vaultToolStore) Put(ctx context.Context, key string, value []byte) error {
	return s.v.useQuietly(func(st *memory.Store) error { return toolStore{st}.Put(ctx, key, value) })
}

// Delete removes key.
func (s vaultToolStore) Delete(ctx context.Context, key string) error {
	return s.v.useQuietly(func(st *memory.Store) error { return toolStore{st}.Delete(ctx, key) })
}
