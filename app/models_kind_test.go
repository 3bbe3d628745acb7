package app

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestEmbeddingModelsKeptOutOfChat imports an embedding model beside
// stories260K: the Models view marks it, the chat picker leaves it out.
func TestEmbeddingModelsKeptOutOfChat(t *testing.T) {
	s, ev := newTestChat(t)
	vocab := filepath.Join(filepath.Dir(storiesModel(t)), "..", "vocab", "ggml-vocab-bert-bge.gguf")
	path := filepath.Join(t.TempDir(), "bge-test.gguf")
	if err := modelgen.Write(path, modelgen.Spec{Arch: "bert", Dim: 64, Layers: 1, Heads: 2, FFN: 128, Context: 64,
		Type: quant.F32, Seed: 1, Vocab: vocab}); err != nil {
		t.Fatal(err)
	}
	models := NewModelsService(s.vault, ev, noDialogs{})
	m, err := models.Import(path)
	if err != nil || !m.Embedding {
		t.Fatalf("import: %+v %v, want an embedding model", m, err)
	}
	installed, err := models.Installed()
	if err != nil || len(installed) != 2 {
		t.Fatalf("installed: %+v %v", installed, err)
	}
	for _, im := range installed {
		if im.Embedding != strings.HasPrefix(im.Name, "bge") {
			t.Errorf("installed %s: embedding %v", im.Name, im.Embedding)
		}
	}
	chat, err := s.Models()
	if err != nil || len(chat) != 1 || chat[0].ID != "stories260k" {
		t.Errorf("chat models %+v %v, want stories260k alone", chat, err)
	}
}

// TestEmbeddingModelNeverChatDefault imports an embedding model into an
// empty library: it does not become the model for new chats.
func TestEmbeddingModelNeverChatDefault(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	ev := newChatEvents()
	v := NewVault(filepath.Join(t.TempDir(), "store"), ev)
	t.Cleanup(func() { _ = v.Close() })
	if _, err := NewVaultService(v).Create("correct horse battery staple"); err != nil {
		t.Fatal(err)
	}
	vocab := filepath.Join(filepath.Dir(storiesModel(t)), "..", "vocab", "ggml-vocab-bert-bge.gguf")
	path := filepath.Join(t.TempDir(), "bge-test.gguf")
	if err := modelgen.Write(path, modelgen.Spec{Arch: "bert", Dim: 64, Layers: 1, Heads: 2, FFN: 128, Context: 64,
		Type: quant.F32, Seed: 1, Vocab: vocab}); err != nil {
		t.Fatal(err)
	}
	if _, err := NewModelsService(v, ev, noDialogs{}).Import(path); err != nil {
		t.Fatal(err)
	}
	o, err := NewChatService(v, ev, noDialogs{}).Options(0)
	if err != nil || o.Model != "" {
		t.Errorf("options for a new chat: %+v %v, want no model", o, err)
	}
}
