package memory

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Export is a conversation with all its messages (every branch), as
// written by ExportJSON.
type Export struct {
	Conversation Conversation `json:"conversation"`
	Messages     []Message    `json:"messages"`
}

// ExportJSON writes a conversation and its whole message tree as JSON.
// This puts plaintext outside the store: call it only on the user's
// explicit request.
func (s *Store) ExportJSON(ctx context.Context, conv int64, w io.Writer) error {
	e, err := s.export(ctx, conv)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(e); err != nil {
		return fmt.Errorf("export conversation %d: %w", conv, err)
	}
	return nil
}

// ExportMarkdown writes one branch of a conversation — the one ending at
// leaf, or the newest branch when leaf is 0 — as Markdown. Like
// ExportJSON, only on explicit request.
func (s *Store) ExportMarkdown(ctx context.Context, conv, leaf int64, w io.Writer) error {
	c, err := s.Conversation(ctx, conv)
	if err != nil {
		return fmt.Errorf("export conversation %d: %w", conv, err)
	}
	if leaf == 0 {
		leaves, err := s.Leaves(ctx, conv)
		if err != nil {
			return err
		}
		if len(leaves) > 0 {
			leaf = leaves[len(leaves)-1]
		}
	}
	var thread []Message
	if leaf != 0 {
		if thread, err = s.Thread(ctx, leaf); err != nil {
			return err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", c.Title)
	for _, m := range thread {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", m.Role, m.Text)
		for _, tc := range m.ToolCalls {
			fmt.Fprintf(&b, "Tool `%s` called with `%s`\n\n```\n%s\n```\n\n", tc.Name, tc.Arguments, tc.Result)
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("export conversation %d: %w", conv, err)
	}
	return nil
}

func (s *Store) export(ctx context.Context, conv int64) (Export, error) {
	c, err := s.Conversation(ctx, conv)
	if err != nil {
		return Export{}, fmt.Errorf("export conversation %d: %w", conv, err)
	}
	msgs, err := s.Messages(ctx, conv)
	if err != nil {
		return Export{}, fmt.Errorf("export conversation %d: %w", conv, err)
	}
	return Export{Conversation: c, Messages: msgs}, nil
}
