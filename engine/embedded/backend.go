package embedded

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/hearth-app/hearth/engine"
)

const backendName = "embedded"

// Catalog tells the backend which models exist and where their files are;
// app backs it with the model library.
type Catalog interface {
	// Resolve returns the GGUF file of a model name, or of a path given as
	// is. An unknown model is an error matching engine.ErrModelNotFound.
	Resolve(nameOrPath string) (path string, err error)
	// Paths returns the files of the models that can be listed.
	Paths() ([]string, error)
}

// Backend runs models with the embedded engine. It keeps one model loaded
// and switches when a request names another.
type Backend struct {
	catalog Catalog
	opts    Options
	mu      sync.Mutex
	loaded  *Model
}

var _ engine.Backend = (*Backend)(nil)

// NewBackend returns a backend finding models through catalog and loading
// them with opts.
func NewBackend(catalog Catalog, opts Options) *Backend {
	return &Backend{catalog: catalog, opts: opts}
}

// SetOptions changes the options models load with. A model loaded with
// other options is released and loaded again with these at the next
// request (after the generation it runs, if any, ends), so a setting the
// person changes applies without a restart and cuts no answer short.
func (b *Backend) SetOptions(opts Options) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.opts = opts
}

// Name returns "embedded".
func (b *Backend) Name() string { return backendName }

// List describes the catalog's models that load (files that do not, such
// as unsupported architectures, are left out).
func (b *Backend) List(ctx context.Context) ([]engine.ModelInfo, error) {
	paths, err := b.catalog.Paths()
	if err != nil {
		return nil, fmt.Errorf("list models: %w", err)
	}
	var out []engine.ModelInfo
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if info, err := Inspect(p); err == nil {
			out = append(out, info)
		}
	}
	return out, nil
}

// Generate answers req with the model it names.
func (b *Backend) Generate(ctx context.Context, req engine.Request) iter.Seq2[engine.Chunk, error] {
	return func(yield func(engine.Chunk, error) bool) {
		// A concurrent request may switch models and close this one before
		// it starts; then it is loaded again.
		for range 3 {
			m, err := b.model(req.Model)
			if err != nil {
				yield(engine.Chunk{}, err)
				return
			}
			first := true
			for c, err := range m.Generate(ctx, req) {
				if first && errors.Is(err, ErrClosed) {
					break
				}
				first = false
				if !yield(c, err) {
					return
				}
			}
			if !first {
				return
			}
		}
		yield(engine.Chunk{}, fmt.Errorf("generate: %w", ErrClosed))
	}
}

// Embed returns one unit-length vector per text, computed by the model
// name names. A text longer than the model's context is refused with an
// error wrapping engine.ErrContextFull.
func (b *Backend) Embed(ctx context.Context, name string, input []string) ([][]float32, error) {
	return b.EmbedWith(ctx, name, input, EmbedOptions{})
}

// EmbedWith is Embed with options: what to do with texts longer than the
// context, and the threads.
func (b *Backend) EmbedWith(ctx context.Context, name string, input []string, opts EmbedOptions) ([][]float32, error) {
	for range 3 {
		m, err := b.model(name)
		if err != nil {
			return nil, err
		}
		vecs, err := m.Embed(ctx, input, opts)
		if !errors.Is(err, ErrClosed) {
			return vecs, err
		}
	}
	return nil, fmt.Errorf("embed: %w", ErrClosed)
}

// Close releases the loaded model.
func (b *Backend) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.loaded == nil {
		return nil
	}
	err := b.loaded.Close()
	b.loaded = nil
	return err
}

// model returns the loaded model for name, loading it (and closing the
// previous one) when needed.
func (b *Backend) model(name string) (*Model, error) {
	path, err := b.catalog.Resolve(name)
	if err != nil {
		return nil, fmt.Errorf("model %q: %w", name, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.loaded != nil && b.loaded.path == path && b.loaded.opts == b.opts {
		return b.loaded, nil
	}
	m, err := Open(path, b.opts)
	if err != nil {
		return nil, err
	}
	if b.loaded != nil {
		b.loaded.Close() // waits for its generation to end
	}
	b.loaded = m
	return m, nil
}

// Inspect describes the model in a GGUF file without keeping it loaded.
func Inspect(path string) (engine.ModelInfo, error) {
	m, err := Open(path, Options{Threads: 1})
	if err != nil {
		return engine.ModelInfo{}, err
	}
	defer m.Close()
	info := m.Info()
	info.ContextLength = m.trainedContext()
	return info, nil
}

// Dir is a Catalog of the GGUF files in a directory: a model's name is its
// file name without ".gguf". Paths to files anywhere resolve as themselves.
type Dir string

// Resolve finds name in the directory, or takes it as a path.
func (d Dir) Resolve(name string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("no model named: %w", engine.ErrModelNotFound)
	}
	for _, p := range []string{name, filepath.Join(string(d), name), filepath.Join(string(d), name+".gguf")} {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%q: %w", name, engine.ErrModelNotFound)
}

// Paths lists the directory's .gguf files.
func (d Dir) Paths() ([]string, error) {
	entries, err := os.ReadDir(string(d))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".gguf") {
			out = append(out, filepath.Join(string(d), e.Name()))
		}
	}
	slices.Sort(out)
	return out, nil
}
