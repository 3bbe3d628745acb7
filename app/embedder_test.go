package app

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestStoreEmbedder checks the memory.Embedder the vault gives the store:
// without an embedding model it says so; with one (a nomic-named model) it
// returns the engine's vectors of the texts with nomic's document and
// query prefixes.
func TestStoreEmbedder(t *testing.T) {
	s, ev := newTestChat(t)
	ctx := context.Background()
	e := s.vault.embedder
	if _, err := e.Embed(ctx, []string{"tea"}); !errors.Is(err, engine.ErrModelNotFound) {
		t.Fatalf("no embedding model installed: %v, want ErrModelNotFound", err)
	}
	vocab := filepath.Join(filepath.Dir(storiesModel(t)), "..", "vocab", "ggml-vocab-bert-bge.gguf")
	path := filepath.Join(t.TempDir(), "nomic-embed-test.gguf")
	if err := modelgen.Write(path, modelgen.Spec{Arch: "nomic-bert", Dim: 64, Layers: 1, Heads: 2, FFN: 128, Context: 64,
		Type: quant.F32, Seed: 2, Vocab: vocab}); err != nil {
		t.Fatal(err)
	}
	if _, err := NewModelsService(s.vault, ev, noDialogs{}).Import(path); err != nil {
		t.Fatal(err)
	}
	b := embedded.NewBackend(embedded.Dir(""), embedded.Options{})
	defer b.Close()
	want, err := b.Embed(ctx, path, []string{"search_document: tea", "search_query: tea"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := e.Embed(ctx, []string{"tea"})
	if err != nil || !slices.Equal(doc[0], want[0]) {
		t.Errorf("document vector: %v; want the engine's vector of %q", err, "search_document: tea")
	}
	query, err := e.EmbedQuery(ctx, []string{"tea"})
	if err != nil || !slices.Equal(query[0], want[1]) {
		t.Errorf("query vector: %v; want the engine's vector of %q", err, "search_query: tea")
	}
}
