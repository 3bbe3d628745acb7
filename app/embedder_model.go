package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/memory"
)

var _ memory.ModelEmbedder = (*storeEmbedder)(nil)

// Model returns the embedding model Embed uses now, named as the library
// names it, with the dimension of its vectors (learnt from one probe
// embedding the first time a model is used). Vectors stored under
// another name or dimension do not count for it: changing the model
// re-embeds the library.
func (e *storeEmbedder) Model(ctx context.Context) (memory.VectorModel, error) {
	m, err := e.model(ctx)
	if err != nil {
		return memory.VectorModel{}, err
	}
	e.mu.Lock()
	dim, ok := e.dims[m.Path]
	e.mu.Unlock()
	if !ok {
		v, err := e.engine.Embed(ctx, m.Path, []string{"dimension"})
		if err != nil {
			return memory.VectorModel{}, fmt.Errorf("embedding model %s: %w", m.Name, err)
		}
		if len(v) != 1 || len(v[0]) == 0 {
			return memory.VectorModel{}, fmt.Errorf("embedding model %s returned no vector", m.Name)
		}
		dim = len(v[0])
		e.mu.Lock()
		if e.dims == nil {
			e.dims = map[string]int{}
		}
		e.dims[m.Path] = dim
		e.mu.Unlock()
	}
	return memory.VectorModel{Name: m.Name, Dim: dim}, nil
}

// useModel makes e use the embedding model arg: a GGUF file's path, or
// the name of an embedding model in the library.
func (e *storeEmbedder) useModel(ctx context.Context, arg string) error {
	en, err := e.findModel(ctx, arg)
	if err != nil {
		return err
	}
	e.mu.Lock()
	e.fixed = &en
	e.mu.Unlock()
	return nil
}

func (e *storeEmbedder) findModel(ctx context.Context, arg string) (library.Entry, error) {
	if fi, err := os.Stat(arg); err == nil && !fi.IsDir() {
		abs, err := filepath.Abs(arg)
		if err != nil {
			return library.Entry{}, fmt.Errorf("--model %s: %w", arg, err)
		}
		return library.Entry{Name: strings.TrimSuffix(filepath.Base(abs), ".gguf"), Path: abs}, nil
	}
	e.mu.Lock()
	st := e.st
	e.mu.Unlock()
	dir, err := modelsDir()
	if err != nil {
		return library.Entry{}, err
	}
	entries, err := library.New(dir, sealedSettings{ctx: ctx, st: st}).List()
	if err != nil {
		return library.Entry{}, fmt.Errorf("--model: %w", err)
	}
	for _, en := range entries {
		if en.Name == arg && isEmbeddingEntry(en) && !en.Missing {
			return en, nil
		}
	}
	return library.Entry{}, usagef("--model %s is neither a model file nor an embedding model in the library (see 'hearth models list')", arg)
}

// cliEmbedder returns an embedder over st for a docs command: the model
// given with --model (model != ""), else the library's first embedding
// model. Its close releases the model.
func cliEmbedder(ctx context.Context, st *memory.Store, model string) (*storeEmbedder, error) {
	e := newStoreEmbedder()
	e.attach(st)
	if model != "" {
		if err := e.useModel(ctx, model); err != nil {
			e.close()
			return nil, err
		}
	}
	return e, nil
}

// isNoEmbeddingModel reports whether err says no embedding model is
// installed, the case where search is keyword only without complaint.
func isNoEmbeddingModel(err error) bool { return errors.Is(err, errNoEmbeddingModel) }
