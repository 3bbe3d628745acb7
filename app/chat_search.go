package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/hearth-app/hearth/memory"
)

// ChatHit is a message that matches a search, in its conversation.
type ChatHit struct {
	ConversationID int64  `json:"conversationId"`
	Title          string `json:"title"`
	MessageID      int64  `json:"messageId"`
	Snippet        string `json:"snippet"`
}

// Search finds messages matching query across every conversation, best
// first.
func (s *ChatService) Search(query string) ([]ChatHit, error) {
	query = strings.TrimSpace(query)
	out := []ChatHit{}
	if query == "" {
		return out, nil
	}
	ctx := context.Background()
	err := s.vault.Use(func(st *memory.Store) error {
		hits, err := st.Search(ctx, query, 30, memory.KindMessage)
		if err != nil {
			return err
		}
		titles := map[int64]string{}
		for _, h := range hits {
			if _, ok := titles[h.ConversationID]; !ok {
				c, err := st.Conversation(ctx, h.ConversationID)
				if err != nil {
					continue
				}
				titles[h.ConversationID] = c.Title
			}
			out = append(out, ChatHit{ConversationID: h.ConversationID, Title: titles[h.ConversationID], MessageID: h.ID, Snippet: snippet(h.Text, query)})
		}
		return nil
	})
	return out, err
}

// snippet is up to about 160 characters of text around the first word of
// query found in it.
func snippet(text, query string) string {
	text = strings.Join(strings.Fields(text), " ")
	const width = 160
	if utf8.RuneCountInString(text) <= width {
		return text
	}
	at := 0
	lower := strings.ToLower(text)
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if i := strings.Index(lower, w); i >= 0 {
			at = utf8.RuneCountInString(text[:i])
			break
		}
	}
	r := []rune(text)
	start := max(0, at-width/3)
	end := min(len(r), start+width)
	s := string(r[start:end])
	if start > 0 {
		s = "…" + s
	}
	if end < len(r) {
		s += "…"
	}
	return s
}
