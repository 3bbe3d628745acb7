package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/memory"
)

// engineFlags are --context and --kv: the embedded engine's settings for
// one run, laid over those kept in the store (the window's Settings).
type engineFlags struct {
	context string // a number of tokens or "auto"; "" when not given
	kv      string // "f16" or "q8_0"; "" when not given
}

func (f *engineFlags) register(fs flagSet) {
	fs.StringVar(&f.context, "context", "", fmt.Sprintf("context length of the embedded engine in tokens, %d to %d (at most the model's trained context), or auto (default: the setting kept in Settings)", minContext, maxContext))
	fs.StringVar(&f.kv, "kv", "", "KV cache of the embedded engine: f16, or q8_0 for about half the memory (default: the setting kept in Settings)")
}

// over returns saved with the flags that were given laid over it. A bad
// value is a usage error naming the command.
func (f engineFlags) over(command string, saved EngineSettings) (EngineSettings, error) {
	e := saved
	switch c := strings.ToLower(strings.TrimSpace(f.context)); c {
	case "":
	case "auto", "automatic":
		e.Context = 0
	default:
		n, err := strconv.Atoi(c)
		if err != nil || n < minContext || n > maxContext {
			return saved, usagef("%s: --context must be a number of tokens from %d to %d, or auto; got %q", command, minContext, maxContext, f.context)
		}
		e.Context = n
	}
	if f.kv != "" {
		e.KVCache = strings.ToLower(f.kv)
		if e.check() != nil {
			return saved, usagef("%s: --kv must be f16 or q8_0; got %q", command, f.kv)
		}
	}
	return e, nil
}

// engineFromStore returns the settings kept in st with the flags laid
// over them.
func (f engineFlags) engineFromStore(ctx context.Context, command string, st *memory.Store) (EngineSettings, error) {
	saved, err := readEngineSettings(storeSettings(ctx, st))
	if err != nil {
		return saved, err
	}
	return f.over(command, saved)
}

// savedEngine returns the settings kept in st, or the standard ones when
// they cannot be read.
func savedEngine(ctx context.Context, st *memory.Store) EngineSettings {
	e, _ := readEngineSettings(storeSettings(ctx, st))
	return e
}

// notingCatalog is a catalog that says, once per model file, where the
// model gets less than the settings ask: a context cut to its trained one,
// an F16 cache kept for heads Q8_0 does not divide.
type notingCatalog struct {
	embedded.Catalog
	engine EngineSettings
	w      io.Writer

	mu   sync.Mutex
	seen map[string]bool
}

func newNotingCatalog(c embedded.Catalog, e EngineSettings, w io.Writer) *notingCatalog {
	return &notingCatalog{Catalog: c, engine: e, w: w, seen: map[string]bool{}}
}

// Resolve returns the catalog's file for nameOrPath, noting what the model
// gets the first time it is named.
func (c *notingCatalog) Resolve(nameOrPath string) (string, error) {
	path, err := c.Catalog.Resolve(nameOrPath)
	if err != nil {
		return path, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen[path] {
		return path, nil
	}
	c.seen[path] = true
	if info, err := embedded.ContextFor(path, c.engine.options()); err == nil {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		if note := contextNote(name, c.engine, info); note != "" {
			fmt.Fprintf(c.w, "hearth: note: %s\n", terminalText(note))
		}
	}
	return path, nil
}

// contextHint adds to a prompt the context cannot hold how to give it
// more, when the model was trained on more.
func contextHint(err error) error {
	var full *embedded.ContextFullError
	if !errors.As(err, &full) || full.Context >= full.Trained {
		return err
	}
	return fmt.Errorf("%w (the model was trained on %d tokens: pass --context up to %d, or raise the context length in the window's Settings)",
		err, full.Trained, full.Trained)
}
