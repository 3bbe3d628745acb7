package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/memory"
)

// newEmbeddedBackend returns the in-process engine, resolving model names
// through the user's model library, with the standard engine settings (the
// store is opened only to resolve a name). Commands that generate choose
// their settings: see generateBackend and newEmbeddedBackendOver.
func newEmbeddedBackend(ctx context.Context, stdio IO) (engine.Backend, error) {
	e := standardEngine()
	cli := cliLibrary{ctx: ctx, stdio: stdio}
	catalog := newNotingCatalog(&libraryCatalog{withLibrary: cli.withLibrary}, e, stdio.Err)
	return embedded.NewBackend(catalog, e.options()), nil
}

// newEmbeddedBackendOver is newEmbeddedBackend for a command that keeps the
// store open (chat, ask, serve): model names resolve through st, since
// opening the store a second time is refused (one store, one writer, even
// in one process). Models load as e says; notes on what a model gets go to
// note.
func newEmbeddedBackendOver(ctx context.Context, st *memory.Store, e EngineSettings, note io.Writer) *embedded.Backend {
	return embedded.NewBackend(newNotingCatalog(storeCatalog(ctx, st), e, note), e.options())
}

// storeCatalog is the model library of the open store st.
func storeCatalog(ctx context.Context, st *memory.Store) *libraryCatalog {
	return &libraryCatalog{withLibrary: func(fn func(*library.Library) error) error {
		dir, err := modelsDir()
		if err != nil {
			return err
		}
		return fn(library.New(dir, sealedSettings{ctx: ctx, st: st}))
	}}
}

// resolveEmbedded returns the file of the model gen names and the engine
// settings to load it with: for an installed model's name, those kept in
// the store (opened once for both); for a path, the standard ones, leaving
// the store closed. The flags are laid over either.
func resolveEmbedded(ctx context.Context, stdio IO, command string, gen generationFlags) (string, EngineSettings, error) {
	if looksLikePath(gen.model) {
		e, err := gen.engine.over(command, standardEngine())
		if err != nil {
			return "", e, err
		}
		path, err := (&libraryCatalog{}).Resolve(gen.model)
		if err != nil {
			return "", e, fmt.Errorf("model %q: %w", gen.model, err)
		}
		return path, e, nil
	}
	if _, err := gen.engine.over(command, standardEngine()); err != nil {
		return "", EngineSettings{}, err // a bad flag is said before any passphrase is asked
	}
	var path string
	var e EngineSettings
	err := withStore(ctx, stdio, func(st *memory.Store) error {
		var err error
		if e, err = gen.engine.engineFromStore(ctx, command, st); err != nil {
			return err
		}
		if path, err = storeCatalog(ctx, st).Resolve(gen.model); err != nil {
			return fmt.Errorf("model %q: %w", gen.model, err)
		}
		return nil
	})
	return path, e, err
}

// libraryCatalog is the embedded engine's view of the model library. A path to
// a file resolves as itself without touching the encrypted store; a name
// reads the library through withLibrary (on the command line that opens the
// store, and so needs the passphrase; in the window it borrows the vault).
type libraryCatalog struct {
	withLibrary func(func(*library.Library) error) error
}

// Resolve returns the GGUF file of a model name, or a path as is.
func (c *libraryCatalog) Resolve(nameOrPath string) (string, error) {
	if looksLikePath(nameOrPath) {
		if _, err := os.Stat(nameOrPath); err != nil {
			return "", fmt.Errorf("%w: %w", engine.ErrModelNotFound, err)
		}
		return nameOrPath, nil
	}
	var path string
	err := c.withLibrary(func(lib *library.Library) error {
		e, err := lib.Resolve(nameOrPath)
		path = e.Path
		return err
	})
	return path, err
}

// Paths returns the files of the installed models.
func (c *libraryCatalog) Paths() ([]string, error) { return installedPaths(c.withLibrary) }

// installedPaths returns the files of the models in the library that
// withLibrary lends, leaving out those whose file is missing.
func installedPaths(withLibrary func(func(*library.Library) error) error) ([]string, error) {
	var paths []string
	err := withLibrary(func(lib *library.Library) error {
		entries, err := lib.List()
		for _, e := range entries {
			if !e.Missing {
				paths = append(paths, e.Path)
			}
		}
		return err
	})
	return paths, err
}

// looksLikePath tells a file path from a model name: names have no path
// separators and no .gguf suffix.
func looksLikePath(s string) bool {
	return strings.ContainsRune(s, filepath.Separator) || strings.ContainsRune(s, '/') ||
		strings.HasSuffix(strings.ToLower(s), ".gguf")
}

// cliLibrary opens the command line's model library for each use.
type cliLibrary struct {
	ctx   context.Context
	stdio IO
}

func (c cliLibrary) withLibrary(fn func(*library.Library) error) error {
	store, closeStore, err := openModelStore(c.ctx, c.stdio)
	if err != nil {
		return err
	}
	defer closeStore()
	dir, err := modelsDir()
	if err != nil {
		return err
	}
	return fn(library.New(dir, store))
}
