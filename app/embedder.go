package app

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/memory"
)

// storeEmbedder is the memory.Embedder app gives the store: vectors from
// the embedded engine with the first embedding model of the library. It
// reads the library through the store it is attached to (never through
// the vault, whose lock the store's caller may already hold). Embed treats
// texts as documents and EmbedQuery as queries, each with the prefix the
// model's family was trained with (engine.EmbedPrefix).
type storeEmbedder struct {
	mu     sync.Mutex
	st     *memory.Store
	engine *embedded.Backend
	fixed  *library.Entry // set by useModel: this model, not the library's first
	dims   map[string]int // model path → vector dimension, learnt once
}

var _ memory.Embedder = (*storeEmbedder)(nil)

// errNoEmbeddingModel is the one sentence shown when no embedding model is
// installed.
var errNoEmbeddingModel = fmt.Errorf("no embedding model is installed: download nomic-embed-text-v1.5 or bge-small-en-v1.5 in Models: %w", engine.ErrModelNotFound)

func newStoreEmbedder() *storeEmbedder {
	return &storeEmbedder{engine: embedded.NewBackend(embedded.Dir(""), embedded.Options{})}
}

// attach sets the store whose library names the model.
func (e *storeEmbedder) attach(st *memory.Store) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st = st
}

// Embed returns one vector per document text.
func (e *storeEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	return e.embed(ctx, engine.EmbedDocument, texts)
}

// EmbedQuery returns one vector per search query.
func (e *storeEmbedder) EmbedQuery(ctx context.Context, texts []string) ([][]float32, error) {
	return e.embed(ctx, engine.EmbedQuery, texts)
}

func (e *storeEmbedder) embed(ctx context.Context, role engine.EmbedRole, texts []string) ([][]float32, error) {
	m, err := e.model(ctx)
	if err != nil {
		return nil, err
	}
	in := make([]string, len(texts))
	for i, t := range texts {
		in[i] = engine.EmbedPrefix(role, t, m.Name, m.Title)
	}
	return e.engine.Embed(ctx, m.Path, in)
}

// model returns the library's first embedding model whose file is there.
func (e *storeEmbedder) model(ctx context.Context) (library.Entry, error) {
	e.mu.Lock()
	st, fixed := e.st, e.fixed
	e.mu.Unlock()
	if fixed != nil {
		return *fixed, nil
	}
	if st == nil {
		return library.Entry{}, errors.New("embed: the store is not open")
	}
	dir, err := modelsDir()
	if err != nil {
		return library.Entry{}, err
	}
	entries, err := library.New(dir, sealedSettings{ctx: ctx, st: st}).List()
	if err != nil {
		return library.Entry{}, fmt.Errorf("embed: %w", err)
	}
	for _, en := range entries {
		if isEmbeddingEntry(en) && !en.Missing {
			return en, nil
		}
	}
	return library.Entry{}, errNoEmbeddingModel
}

// close releases the loaded model.
func (e *storeEmbedder) close() error { return e.engine.Close() }
