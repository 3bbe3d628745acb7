package app

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/hearth-app/hearth/memory"
)

// Export asks, through the save dialog, where to write a conversation as
// Markdown (format "markdown": the branch through message `through`, 0 for
// the newest) or JSON (format "json": every branch), and writes it there
// whole or not at all. It returns the path, "" when the person cancels.
func (s *ChatService) Export(conv, through int64, format string) (string, error) {
	ext, err := exportExtension(format)
	if err != nil {
		return "", err
	}
	text, title, err := s.exportText(conv, through, format)
	if err != nil {
		return "", err
	}
	path, err := s.dialogs.SaveFile("Export the conversation", exportFileName(title)+ext)
	if err != nil || path == "" {
		return "", err
	}
	if err := writeFileReplacing(path, []byte(text), 0o600); err != nil {
		return "", errors.New("the conversation cannot be written there; choose another folder")
	}
	return path, nil
}

// exportExtension is the file extension of an export format.
func exportExtension(format string) (string, error) {
	switch format {
	case "json":
		return ".json", nil
	case "markdown", "md":
		return ".md", nil
	}
	return "", errors.New("export as markdown or json")
}

// exportText returns a conversation in format, with its title.
func (s *ChatService) exportText(conv, through int64, format string) (text, title string, err error) {
	var buf bytes.Buffer
	ctx := context.Background()
	err = s.vault.Use(func(st *memory.Store) error {
		c, err := st.Conversation(ctx, conv)
		if err != nil {
			return conversationError(err)
		}
		title = c.Title
		if format == "json" {
			return conversationError(st.ExportJSON(ctx, conv, &buf))
		}
		leaf := int64(0)
		if through != 0 {
			msgs, err := st.Messages(ctx, conv)
			if err != nil {
				return err
			}
			leaf = newMessageTree(msgs).newestLeaf(through)
		}
		return conversationError(st.ExportMarkdown(ctx, conv, leaf, &buf))
	})
	return buf.String(), title, err
}

var unsafeFileChars = regexp.MustCompile(`[^\p{L}\p{N} _-]+`)

// exportFileName is a file name made from a conversation's title.
func exportFileName(title string) string {
	name := strings.TrimSpace(unsafeFileChars.ReplaceAllString(title, ""))
	if r := []rune(name); len(r) > 60 {
		name = strings.TrimSpace(string(r[:60]))
	}
	if name == "" {
		return "chat"
	}
	return name
}
