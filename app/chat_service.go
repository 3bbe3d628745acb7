package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
)

// Chat events sent to the window while an answer streams.
const (
	EventChatDelta = "chat:delta" // a piece of the answer: chatDelta
	EventChatDone  = "chat:done"  // the answer is saved: chatDone
	EventChatError = "chat:error" // the answer failed: chatFailure
)

// ChatService is bound to the window: conversations, their message trees,
// streaming answers, branches, search and export. It borrows the encrypted
// store from the vault for each read or write and never while a model
// generates.
type ChatService struct {
	vault    *Vault
	events   Events
	dialogs  dialogs
	embedded engine.Backend
	ollama   func() (engine.Backend, error)
	openai   func() (engine.Backend, error)
	tools    *chatTools // the tools answers may call (chat_tools.go)

	mu      sync.Mutex
	running map[string]context.CancelFunc
	nextReq int64
	// generating counts answers being generated (the embedding pass
	// waits for none to run).
	generating *generations
}

// NewChatService returns the chat service over vault, sending streaming
// events to events. Models run in the embedded engine, whose model library
// is read through the vault and which loads them as the engine settings
// say (engine_settings.go), on Ollama for "ollama:" models, or on the
// connected OpenAI-compatible server for "openai:" models. Exports
// are saved where the person chooses through dlg.
func NewChatService(vault *Vault, events Events, dlg dialogs) *ChatService {
	s := &ChatService{
		vault:      vault,
		events:     events,
		dialogs:    dlg,
		embedded:   newEngineWithSettings(vaultCatalog{vault: vault}, vaultSettings{vault: vault}.get),
		ollama:     ollamaBackendFor(vault),
		openai:     openaiBackendFor(vault),
		running:    map[string]context.CancelFunc{},
		generating: newGenerations(),
	}
	s.tools = newChatTools(vault, s.pluginServices)
	return s
}

// stopTools stops the MCP servers answers started (not bound: the window
// must not stop them).
func (s *ChatService) stopTools() error { return s.tools.Close(context.Background()) }

// ChatConversation is a conversation as the conversation list shows it.
type ChatConversation struct {
	ID      int64    `json:"id"`
	Title   string   `json:"title"`
	Folder  string   `json:"folder"`
	Tags    []string `json:"tags"`
	Model   string   `json:"model"`
	Created string   `json:"created"`
	Updated string   `json:"updated"`
}

func chatConversation(c memory.Conversation, model string) ChatConversation {
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	return ChatConversation{
		ID: c.ID, Title: c.Title, Folder: c.Folder, Tags: tags, Model: model,
		Created: c.Created.UTC().Format(time.RFC3339), Updated: c.Updated.UTC().Format(time.RFC3339),
	}
}

// Conversations lists the conversations, most recently updated first.
func (s *ChatService) Conversations() ([]ChatConversation, error) {
	ctx := context.Background()
	out := []ChatConversation{}
	err := s.vault.Use(func(st *memory.Store) error {
		cs, err := st.Conversations(ctx)
		if err != nil {
			return err
		}
		for _, c := range cs {
			opts := readChatOptions(ctx, st, c.ID)
			out = append(out, chatConversation(c, opts.Model))
		}
		return nil
	})
	return out, err
}

// Create starts an empty conversation with the default model and settings.
func (s *ChatService) Create(title string) (ChatConversation, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		title = "New chat"
	}
	ctx := context.Background()
	var out ChatConversation
	err := s.vault.Use(func(st *memory.Store) error {
		c, err := st.CreateConversation(ctx, title)
		if err != nil {
			return err
		}
		out = chatConversation(c, readChatOptions(ctx, st, c.ID).Model)
		return nil
	})
	return out, err
}

// Rename gives a conversation a new title.
func (s *ChatService) Rename(id int64, title string) error {
	title = strings.TrimSpace(title)
	if title == "" {
		return errors.New("a conversation needs a title")
	}
	return s.vault.Use(func(st *memory.Store) error {
		return conversationError(st.RenameConversation(context.Background(), id, title))
	})
}

// SetTags replaces a conversation's tags (blank ones are dropped).
func (s *ChatService) SetTags(id int64, tags []string) error {
	clean := []string{}
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" {
			clean = append(clean, t)
		}
	}
	return s.vault.Use(func(st *memory.Store) error {
		return conversationError(st.SetTags(context.Background(), id, clean))
	})
}

// SetFolder files a conversation in a folder ("" for none).
func (s *ChatService) SetFolder(id int64, folder string) error {
	return s.vault.Use(func(st *memory.Store) error {
		return conversationError(st.SetFolder(context.Background(), id, strings.TrimSpace(folder)))
	})
}

// Delete removes a conversation, its messages and its settings.
func (s *ChatService) Delete(id int64) error {
	ctx := context.Background()
	return s.vault.Use(func(st *memory.Store) error {
		if err := st.DeleteConversation(ctx, id); err != nil {
			return conversationError(err)
		}
		for _, name := range []string{optionsSetting(id), stoppedSetting(id), sourcesSetting(id)} {
			if err := st.DeleteSetting(ctx, name); err != nil && !errors.Is(err, memory.ErrNotFound) {
				return err
			}
		}
		return nil
	})
}

// conversationError says "that conversation no longer exists" for a
// missing one.
func conversationError(err error) error {
	if errors.Is(err, memory.ErrNotFound) {
		return fmt.Errorf("that conversation no longer exists")
	}
	return err
}
