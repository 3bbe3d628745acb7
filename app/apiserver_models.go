package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/memory"
)

// apiModels is the model library as the OpenAI-compatible API sees it:
// models are named, never given by path. It is the embedded engine's
// catalog and the list of names the API serves (openai.Options.Models).
type apiModels struct{ lib *library.Library }

// installed returns the library's models whose file is there.
func (m apiModels) installed() ([]library.Entry, error) {
	entries, err := m.lib.List()
	if err != nil {
		return nil, err
	}
	out := entries[:0]
	for _, e := range entries {
		if !e.Missing {
			out = append(out, e)
		}
	}
	return out, nil
}

// Resolve returns the file of the installed model name. Anything else, a
// path above all, is not found.
func (m apiModels) Resolve(name string) (string, error) {
	entries, err := m.installed()
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if e.Name == name {
			return e.Path, nil
		}
	}
	return "", fmt.Errorf("%w: no installed model is named %q", engine.ErrModelNotFound, name)
}

// Paths returns the files of the installed models.
func (m apiModels) Paths() ([]string, error) {
	entries, err := m.installed()
	paths := make([]string, len(entries))
	for i, e := range entries {
		paths[i] = e.Path
	}
	return paths, err
}

// Names returns the names of the installed models.
func (m apiModels) Names(context.Context) ([]string, error) {
	entries, err := m.installed()
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name
	}
	return names, err
}

// apiStore is the model library's Store for the window's API server: the
// same sealed keys as libraryStore, borrowed without counting as the
// user's activity, so that another program's requests never keep the vault
// from locking itself.
type apiStore struct{ vault *Vault }

// Get returns the library's value for key (nil when unset).
func (s apiStore) Get(key string) ([]byte, error) {
	var val []byte
	err := s.vault.useQuietly(func(st *memory.Store) error {
		b, err := st.Setting(context.Background(), "library/"+key)
		if errors.Is(err, memory.ErrNotFound) {
			return nil
		}
		val = b
		return err
	})
	return val, err
}

// Put stores the library's value for key.
func (s apiStore) Put(key string, val []byte) error {
	return s.vault.useQuietly(func(st *memory.Store) error {
		return st.SetSetting(context.Background(), "library/"+key, val)
	})
}
