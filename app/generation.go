package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
)

// streamAnswer runs req on b, writing the text to w as it comes, and returns
// the whole answer and the generation's statistics. A cancelled context keeps
// what was generated so far and reports no error.
func streamAnswer(ctx context.Context, b engine.Backend, req engine.Request, w io.Writer) (string, engine.Stats, error) {
	var text strings.Builder
	var stats engine.Stats
	for chunk, err := range b.Generate(ctx, req) {
		if err != nil {
			if errors.Is(err, context.Canceled) {
				stats.StopReason = "cancelled"
				return text.String(), stats, nil
			}
			return text.String(), stats, err
		}
		if chunk.Text != "" {
			text.WriteString(chunk.Text)
			io.WriteString(w, chunk.Text)
		}
		if chunk.Stats != nil {
			stats = *chunk.Stats
		}
	}
	return text.String(), stats, nil
}

// endLine ends the streamed answer's line, if anything was printed.
func endLine(w io.Writer, answer string) {
	if answer != "" {
		fmt.Fprintln(w)
	}
}

// saveExchange stores messages as a conversation (new when conv is 0) under
// parent and returns the conversation and the id of the last message.
func saveExchange(ctx context.Context, st *memory.Store, conv, parent int64, model string, msgs []engine.Message) (int64, int64, error) {
	if conv == 0 {
		c, err := st.CreateConversation(ctx, titleFor(msgs))
		if err != nil {
			return 0, 0, err
		}
		conv = c.ID
	}
	stored := make([]memory.Message, len(msgs))
	for i, m := range msgs {
		stored[i] = memory.Message{Role: m.Role, Text: m.Content}
		if m.Role == memory.RoleAssistant {
			stored[i].Model = model
		}
	}
	out, err := st.AddMessages(ctx, conv, parent, stored)
	if err != nil {
		return conv, parent, fmt.Errorf("save conversation: %w", err)
	}
	return conv, out[len(out)-1].ID, nil
}

// titleFor names a conversation after its first user message.
func titleFor(msgs []engine.Message) string {
	for _, m := range msgs {
		if m.Role == "user" {
			return truncate(strings.Join(strings.Fields(m.Content), " "), 60)
		}
	}
	return "New chat"
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
