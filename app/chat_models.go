package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/engine/ollama"
	"github.com/hearth-app/hearth/memory"
)

// ollamaPrefix marks a model that runs on the Ollama server ("ollama:llama3.2").
const ollamaPrefix = "ollama:"

// ChatModel is a model the model picker offers.
type ChatModel struct {
	ID      string `json:"id"` // what ChatOptions.Model holds
	Name    string `json:"name"`
	Backend string `json:"backend"`
	Size    int64  `json:"size"`
	Details string `json:"details"`
	Missing bool   `json:"missing"`
}

// vaultCatalog is the embedded engine's view of the model library, read
// through the vault (so it needs the store unlocked).
type vaultCatalog struct{ vault *Vault }

func (c vaultCatalog) withLibrary(fn func(*library.Library) error) error {
	dir, err := modelsDir()
	if err != nil {
		return err
	}
	return c.vault.Use(func(st *memory.Store) error {
		return fn(library.New(dir, sealedSettings{ctx: context.Background(), st: st}))
	})
}

// Resolve returns the GGUF file of a model name or path.
func (c vaultCatalog) Resolve(nameOrPath string) (string, error) {
	var path string
	err := c.withLibrary(func(lib *library.Library) error {
		e, err := lib.Resolve(nameOrPath)
		path = e.Path
		if err != nil && e.Missing {
			return fmt.Errorf("%w: %w", engine.ErrModelNotFound, err)
		}
		return err
	})
	return path, err
}

// Paths returns the files of the installed models.
func (c vaultCatalog) Paths() ([]string, error) { return installedPaths(c.withLibrary) }

// ollamaBackendFor returns the Ollama backend at the host the window uses
// (set in the Models view, else OLLAMA_HOST).
func ollamaBackendFor(v *Vault) func() (engine.Backend, error) {
	return func() (engine.Backend, error) {
		host, _ := windowOllamaHost(vaultSettings{vault: v})
		return ollama.New(host)
	}
}

// Models lists the model library's models, then the Ollama server's when
// it answers within a second.
func (s *ChatService) Models() ([]ChatModel, error) {
	out := []ChatModel{}
	err := vaultCatalog{vault: s.vault}.withLibrary(func(lib *library.Library) error {
		entries, err := lib.List()
		for _, e := range entries {
			if isEmbeddingEntry(e) {
				continue // embedding models cannot chat
			}
			out = append(out, ChatModel{
				ID: e.Name, Name: e.Name, Backend: backendEmbedded, Size: e.Size, Missing: e.Missing,
				Details: strings.Join(nonEmpty(e.Architecture, e.Quantization), " · "),
			})
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	out = append(out, s.ollamaModels()...)
	return append(out, s.openaiModels()...), nil
}

// openaiModels lists the connected OpenAI-compatible server's models;
// nothing when there is none or it is down. Their details say where they
// run.
func (s *ChatService) openaiModels() []ChatModel {
	b, err := s.openai()
	if err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	infos, err := b.List(ctx)
	if err != nil {
		return nil
	}
	host := ""
	if hb, ok := b.(interface{ Host() string }); ok {
		host = hb.Host()
	}
	var out []ChatModel
	for _, m := range infos {
		out = append(out, ChatModel{ID: openaiPrefix + m.Name, Name: m.Name, Backend: backendOpenAI, Details: host})
	}
	return out
}

// ollamaModels lists the Ollama server's models; nothing when it is down.
func (s *ChatService) ollamaModels() []ChatModel {
	b, err := s.ollama()
	if err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	infos, err := b.List(ctx)
	if err != nil {
		return nil
	}
	var out []ChatModel
	for _, m := range infos {
		out = append(out, ChatModel{
			ID: ollamaPrefix + m.Name, Name: m.Name, Backend: backendOllama, Size: m.Size,
			Details: strings.Join(nonEmpty(m.Architecture, m.Quantization), " · "),
		})
	}
	return out
}

// backendFor returns the backend that runs model, and the model's name there.
func (s *ChatService) backendFor(model string) (engine.Backend, string, error) {
	if name, ok := strings.CutPrefix(model, ollamaPrefix); ok {
		b, err := s.ollama()
		return b, name, err
	}
	if name, ok := strings.CutPrefix(model, openaiPrefix); ok {
		b, err := s.openai()
		return b, name, err
	}
	return s.embedded, model, nil
}

// rawOnly reports whether an embedded model has no chat template: such a
// base model continues the text instead of answering a chat.
func (s *ChatService) rawOnly(model string) bool {
	if strings.HasPrefix(model, ollamaPrefix) || strings.HasPrefix(model, openaiPrefix) {
		return false
	}
	path, err := vaultCatalog{vault: s.vault}.Resolve(model)
	if err != nil {
		return false
	}
	return !embedded.HasChatTemplate(path)
}
