package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hearth-app/hearth/memory"
)

// rememberSetting is the sealed setting that lets the chat learn new
// memories: "on" (the default) or "off".
const rememberSetting = "memory/enabled"

// excerptRunes is how much of the source message a memory shows.
const excerptRunes = 140

// MemoryService is bound to the window: what Hearth remembers about the
// person, where each memory came from, and whether it learns new ones.
type MemoryService struct {
	vault    *Vault
	settings vaultSettings
}

// NewMemoryService returns the memory service over the vault.
func NewMemoryService(vault *Vault) *MemoryService {
	return &MemoryService{vault: vault, settings: vaultSettings{vault: vault}}
}

// MemorySource says where a memory came from.
type MemorySource struct {
	ByYou             bool   `json:"byYou"` // added by hand
	ConversationID    int64  `json:"conversationId,omitempty"`
	ConversationTitle string `json:"conversationTitle,omitempty"`
	MessageID         int64  `json:"messageId,omitempty"`
	Excerpt           string `json:"excerpt,omitempty"` // the start of the message it was learnt from
	Gone              bool   `json:"gone,omitempty"`    // the conversation has been deleted since
	Plugin            string `json:"plugin,omitempty"`  // the ID of the plugin that wrote it
}

// MemoryItem is one memory as the Memory view shows it.
type MemoryItem struct {
	ID      int64        `json:"id"`
	Text    string       `json:"text"`
	Source  MemorySource `json:"source"`
	Created time.Time    `json:"created"`
	Updated time.Time    `json:"updated"`
}

// List returns the memories, newest first, with their sources.
func (s *MemoryService) List() ([]MemoryItem, error) {
	ctx := context.Background()
	out := []MemoryItem{}
	err := s.vault.Use(func(st *memory.Store) error {
		mems, err := st.Memories(ctx)
		if err != nil {
			return err
		}
		for i := len(mems) - 1; i >= 0; i-- {
			out = append(out, memoryItem(ctx, st, mems[i]))
		}
		return nil
	})
	return out, err
}

// memoryItem describes m with its source read from the store.
func memoryItem(ctx context.Context, st *memory.Store, m memory.Memory) MemoryItem {
	it := MemoryItem{ID: m.ID, Text: m.Text, Created: m.Created, Updated: m.Updated}
	src := m.Source
	if src.Plugin != "" {
		it.Source.Plugin = src.Plugin
		return it
	}
	if src.ConversationID == 0 {
		it.Source.ByYou = true
		return it
	}
	it.Source.ConversationID, it.Source.MessageID = src.ConversationID, src.MessageID
	conv, err := st.Conversation(ctx, src.ConversationID)
	if err != nil {
		it.Source.Gone = true
		return it
	}
	it.Source.ConversationTitle = conv.Title
	if src.MessageID != 0 {
		if msg, err := st.Message(ctx, src.MessageID); err == nil {
			it.Source.Excerpt = excerpt(msg.Text, excerptRunes)
		}
	}
	return it
}

// excerpt returns the start of text on one line, at most n runes, cut at a
// word with an ellipsis when it is longer.
func excerpt(text string, n int) string {
	s := strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := string([]rune(s)[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// memoryText checks the text of a memory.
func memoryText(text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", errors.New("a memory needs some text")
	}
	return text, nil
}

// Add remembers a fact the person typed.
func (s *MemoryService) Add(text string) (MemoryItem, error) {
	text, err := memoryText(text)
	if err != nil {
		return MemoryItem{}, err
	}
	var it MemoryItem
	err = s.vault.Use(func(st *memory.Store) error {
		m, err := st.AddMemory(context.Background(), text, memory.Source{})
		it = MemoryItem{ID: m.ID, Text: m.Text, Source: MemorySource{ByYou: true}, Created: m.Created, Updated: m.Updated}
		return err
	})
	return it, err
}

// Edit changes what memory id says.
func (s *MemoryService) Edit(id int64, text string) error {
	text, err := memoryText(text)
	if err != nil {
		return err
	}
	return s.vault.Use(func(st *memory.Store) error {
		return missingMemory(st.EditMemory(context.Background(), id, text), id)
	})
}

// Forget deletes memory id for good.
func (s *MemoryService) Forget(id int64) error {
	return s.vault.Use(func(st *memory.Store) error {
		return missingMemory(st.ForgetMemory(context.Background(), id), id)
	})
}

// missingMemory turns the store's not-found into a sentence.
func missingMemory(err error, id int64) error {
	if errors.Is(err, memory.ErrNotFound) {
		return fmt.Errorf("memory #%d is gone (it may have been forgotten already)", id)
	}
	return err
}

// RememberNew reports whether the chat may learn new memories.
func (s *MemoryService) RememberNew() (bool, error) {
	v, ok, err := s.settings.get(rememberSetting)
	if err != nil {
		return false, err
	}
	return !ok || string(v) != "off", nil
}

// SetRememberNew turns learning new memories on or off.
func (s *MemoryService) SetRememberNew(on bool) error {
	v := "off"
	if on {
		v = "on"
	}
	return s.settings.put(rememberSetting, []byte(v))
}
