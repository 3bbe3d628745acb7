package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/host"
	"github.com/hearth-app/hearth/plugins/manager"
)

// Bounds on what the app gives a plugin.
const (
	maxPluginHits      = 50
	maxPluginTokens    = 4096
	maxPluginPickBytes = 8 << 20
)

// errPickNeedsWindow is files:pick asked for without a window.
var errPickNeedsWindow = errors.New("files:pick needs the window")

// pluginServices is what the app offers one plugin through the host API,
// over the real store and models. The host has checked the plugin's grant
// before any of these runs.
type pluginServices struct {
	id  string
	use func(func(*memory.Store) error) error
	// backend resolves a model name to the backend that runs it.
	backend func(ctx context.Context, model string) (engine.Backend, string, error)
	// notify shows a plugin's notice (stderr on the command line, an event
	// in the window).
	notify func(id, title, body string) error
	// pick asks the person for a file; nil without a window.
	pick func(title string) (string, error)
}

var _ manager.AppServices = pluginServices{}

// SearchMemory searches what the user could see: memories, then passages
// of the document library.
func (s pluginServices) SearchMemory(ctx context.Context, query string, k int) ([]host.Hit, error) {
	k = min(max(k, 1), maxPluginHits)
	var hits []host.Hit
	err := s.use(func(st *memory.Store) error {
		mems, err := st.Search(ctx, query, k, memory.KindMemory)
		if err != nil {
			return err
		}
		for _, m := range mems {
			hits = append(hits, host.Hit{Text: m.Text, Source: "memory", Score: m.Score})
		}
		docs, err := st.SearchDocuments(ctx, query, k)
		if err != nil {
			return err
		}
		for _, d := range docs {
			hits = append(hits, host.Hit{Text: d.Text, Source: "document", Title: filepath.Base(d.Path), Score: d.Score})
		}
		return nil
	})
	if len(hits) > k {
		hits = hits[:k]
	}
	return hits, err
}

// WriteMemory stores text as a memory whose source names the plugin.
func (s pluginServices) WriteMemory(ctx context.Context, text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", errors.New("a memory needs some text")
	}
	var m memory.Memory
	err := s.use(func(st *memory.Store) (err error) {
		m, err = st.AddMemory(ctx, text, memory.Source{Plugin: s.id})
		return err
	})
	return fmt.Sprint(m.ID), err
}

// Generate answers prompt with the default model.
func (s pluginServices) Generate(ctx context.Context, prompt string, maxTokens int) (string, error) {
	var model string
	if err := s.use(func(st *memory.Store) error {
		model = readChatOptions(ctx, st, 0).Model
		return nil
	}); err != nil {
		return "", err
	}
	if model == "" {
		return "", errors.New("no model is installed for plugins to use (hearth models pull)")
	}
	b, name, err := s.backend(ctx, model)
	if err != nil {
		return "", err
	}
	opts := engine.DefaultOptions()
	opts.MaxTokens = min(max(maxTokens, 1), maxPluginTokens)
	req := engine.Request{Model: name, Options: opts, Messages: []engine.Message{{Role: "user", Content: prompt}}}
	text, _, err := streamAnswer(ctx, b, req, io.Discard)
	return text, err
}

// Notify shows the plugin's notice.
func (s pluginServices) Notify(_ context.Context, title, body string) error {
	return s.notify(s.id, title, body)
}

// PickFile asks the person for a file and reads it (at most 8 MiB).
func (s pluginServices) PickFile(_ context.Context, title string) (string, []byte, bool, error) {
	if s.pick == nil {
		return "", nil, false, errPickNeedsWindow
	}
	path, err := s.pick(fmt.Sprintf("%s (for plugin %s)", title, s.id))
	if err != nil || path == "" {
		return "", nil, false, err
	}
	data, err := readCapped(path, maxPluginPickBytes)
	if err != nil {
		return "", nil, false, err
	}
	return filepath.Base(path), data, true, nil
}

// readCapped reads the file at path, refusing one larger than max.
func readCapped(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.New("the file you picked could not be opened")
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, errors.New("the file you picked could not be read")
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("the file is larger than %d MiB, which a plugin may be given", max>>20)
	}
	return b, nil
}

// cliBackend resolves a model for a plugin on the command line: an
// "ollama:" model on the Ollama server, any other in the embedded engine.
func cliBackend(st *memory.Store) func(ctx context.Context, model string) (engine.Backend, string, error) {
	return func(ctx context.Context, model string) (engine.Backend, string, error) {
		if name, ok := strings.CutPrefix(model, ollamaPrefix); ok {
			b, err := askBackend(ctx, st, backendOllama)
			return b, name, err
		}
		return newEmbeddedBackendOver(ctx, st, savedEngine(ctx, st), io.Discard), model, nil
	}
}

// cliServices returns the services of plugins run from the command line:
// notices go to stderr and files:pick is refused.
func cliServices(st *memory.Store, stderr io.Writer) func(id string) manager.AppServices {
	return func(id string) manager.AppServices {
		return pluginServices{id: id, use: storeUser(st), backend: cliBackend(st),
			notify: func(id, title, body string) error {
				_, err := fmt.Fprintf(stderr, "hearth: plugin %s: %s: %s\n", id, oneLineText(title), oneLineText(body))
				return err
			}}
	}
}

// oneLineText flattens s onto one line of at most 300 characters.
func oneLineText(s string) string {
	return truncate(strings.Join(strings.Fields(s), " "), 300)
}

// EventPluginNotice is a plugin's notice for the window: pluginNotice.
const EventPluginNotice = "plugins:notice"

// pluginNotice is what a plugin with the notify capability asked to show.
// Its text is untrusted: the window shows it as text, labelled with the
// plugin.
type pluginNotice struct {
	Plugin string `json:"plugin"`
	Title  string `json:"title"`
	Body   string `json:"body"`
}

// pluginServices returns the services of a plugin run in the window: the
// chat's models, the window's file dialog and its events.
func (s *ChatService) pluginServices(id string) manager.AppServices {
	return pluginServices{id: id, use: s.vault.Use,
		backend: func(_ context.Context, model string) (engine.Backend, string, error) {
			return s.backendFor(model)
		},
		notify: func(id, title, body string) error {
			s.events.Emit(EventPluginNotice, pluginNotice{Plugin: id, Title: truncate(title, 200), Body: truncate(body, 2000)})
			return nil
		},
		pick: func(title string) (string, error) { return s.dialogs.OpenFile(title, "*") },
	}
}
