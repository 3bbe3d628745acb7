package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/hearth-app/hearth/engine/download"
	"github.com/hearth-app/hearth/engine/library"
)

// ModelsService is bound to the window: the installed models, the catalog
// with what fits this machine, downloads, imports, and the Ollama server.
// The model library lives in the sealed settings and is reached through the
// vault one short borrow at a time, so a download never holds the store.
type ModelsService struct {
	vault    *Vault
	events   Events
	dialogs  dialogs
	lib      *library.Library
	settings vaultSettings

	mu        sync.Mutex
	downloads map[string]*downloadJob
	nextID    int
}

// NewModelsService returns the models service over the vault; downloaded
// models go to the "models" folder beside the store.
func NewModelsService(vault *Vault, events Events, dlg dialogs) *ModelsService {
	settings := vaultSettings{vault: vault}
	lib := library.New(filepath.Join(dataDirOf(vault), "models"), libraryStore{settings: settings})
	return &ModelsService{
		vault: vault, events: events, dialogs: dlg, lib: lib, settings: settings,
		downloads: map[string]*downloadJob{},
	}
}

// dataDirOf is the data directory: the folder that holds the vault's store.
func dataDirOf(v *Vault) string { return filepath.Dir(v.dir) }

// InstalledModel is one model Hearth can run, as the Models view lists it.
type InstalledModel struct {
	Name          string `json:"name"`
	Backend       string `json:"backend"`          // "embedded", "ollama" or "openai"
	Source        string `json:"source,omitempty"` // the server it runs on (host:port), for a server's models
	Path          string `json:"path,omitempty"`
	Origin        string `json:"origin,omitempty"` // "downloaded" or "imported" (embedded only)
	Size          int64  `json:"size"`
	Architecture  string `json:"architecture,omitempty"`
	Quantization  string `json:"quantization,omitempty"`
	Parameters    string `json:"parameters,omitempty"`
	ContextLength int    `json:"contextLength,omitempty"`
	Missing       bool   `json:"missing,omitempty"`   // the file is gone
	Embedding     bool   `json:"embedding,omitempty"` // an embedding model, which cannot chat
}

// installedFrom describes a library entry.
func installedFrom(e library.Entry) InstalledModel {
	return InstalledModel{
		Name: e.Name, Backend: backendEmbedded, Path: e.Path, Origin: string(e.Origin), Size: e.Size,
		Architecture: e.Architecture, Quantization: e.Quantization, Parameters: e.Parameters,
		ContextLength: e.ContextLength, Missing: e.Missing, Embedding: isEmbeddingEntry(e),
	}
}

// Installed lists the models of the library, then those of the Ollama
// server and of the OpenAI-compatible server when they answer.
func (s *ModelsService) Installed() ([]InstalledModel, error) {
	entries, err := s.lib.List()
	if err != nil {
		return nil, err
	}
	out := make([]InstalledModel, 0, len(entries))
	for _, e := range entries {
		out = append(out, installedFrom(e))
	}
	out = append(out, s.ollamaModels()...)
	return append(out, s.openaiModels()...), nil
}

// Import adds the GGUF file at path to the library, where it lies (it is
// never copied). The name comes from the file. The first model imported
// becomes the default for new chats.
func (s *ModelsService) Import(path string) (InstalledModel, error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return InstalledModel{}, errors.New("choose a GGUF file to import")
	}
	e, err := s.lib.Import(path, "")
	if err != nil {
		return InstalledModel{}, importError(path, err)
	}
	if isEmbeddingEntry(e) {
		return installedFrom(e), nil // an embedding model cannot be the chat default
	}
	return installedFrom(e), s.defaultIfNone(e.Name)
}

// defaultIfNone makes name the default model for new chats when there is
// none yet.
func (s *ModelsService) defaultIfNone(name string) error {
	_, ok, err := s.settings.get(defaultModelSetting)
	if err != nil || ok {
		return err
	}
	return s.settings.put(defaultModelSetting, []byte(name))
}

// importError is the one sentence a failed import shows.
func importError(path string, err error) error {
	switch {
	case errors.Is(err, ErrLocked):
		return ErrLocked
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("there is no file at %s", path)
	case errors.Is(err, library.ErrNotModel):
		return fmt.Errorf("%s is not a GGUF model file Hearth can read (it may be damaged or another format)", filepath.Base(path))
	case errors.Is(err, library.ErrExists):
		return fmt.Errorf("a different model with the name of %s is already installed", filepath.Base(path))
	}
	return err
}

// ChooseFile shows the open-file dialog for a GGUF model and returns the
// path chosen ("" when the person cancels).
func (s *ModelsService) ChooseFile() (string, error) {
	return s.dialogs.OpenFile("Choose a GGUF model", "*.gguf")
}

// Scan lists the GGUF models other apps (Ollama, LM Studio, Jan, GPT4All)
// keep on this computer, for import.
func (s *ModelsService) Scan() ([]library.Found, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	found := library.Scan(library.Env{Home: home, GOOS: runtime.GOOS, Getenv: os.Getenv})
	if found == nil {
		found = []library.Found{}
	}
	return found, nil
}

// Removed says what Delete did.
type Removed struct {
	Name        string `json:"name"`
	Path        string `json:"path"`
	FileDeleted bool   `json:"fileDeleted"` // Hearth downloaded it, so the file is gone too
	Message     string `json:"message"`
}

// Delete removes a model from the library; its file is deleted only when
// Hearth downloaded it.
func (s *ModelsService) Delete(name string) (Removed, error) {
	e, err := s.lib.Remove(name)
	if err != nil {
		return Removed{}, err
	}
	r := Removed{Name: e.Name, Path: e.Path, FileDeleted: e.Origin == library.Downloaded}
	if r.FileDeleted {
		r.Message = fmt.Sprintf("Removed %s and deleted its file (%s) from %s.", e.Name, download.Bytes(e.Size), e.Path)
	} else {
		r.Message = fmt.Sprintf("Removed %s from Hearth; its file stays at %s.", e.Name, e.Path)
	}
	return r, nil
}
