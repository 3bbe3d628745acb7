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
