package ingest

import (
	"context"
	"io"
	"strings"
)

// parseMarkdown reads Markdown as plain text (its extracted text is the
// file itself) and follows its ATX headings ("## Install") to give each
// chunk its heading path, "Guide > Install > Linux". Lines inside fenced
// code blocks are never headings. Setext headings (underlined with === or
// ---) are read as text.
func parseMarkdown(ctx context.Context, r io.Reader, c *chunker) error {
	var path headingPath
	fence := ""
	return pieces(ctx, r, func(piece []byte) error {
		line := string(piece)
		if f := fenceOf(line); f != "" && (fence == "" || strings.HasPrefix(f, fence)) {
			fence = toggle(fence, f)
		} else if level, title := atxHeading(line); fence == "" && level > 0 {
			path.set(level, title)
		}
		return c.add(line, 0, path.String())
	})
}

// toggle opens a fence when none is open and closes the open one.
func toggle(open, f string) string {
	if open == "" {
		return f[:3]
	}
	return ""
}

// fenceOf returns the fence (``` or ~~~ and more) that line starts with,
// after at most three spaces, or "".
func fenceOf(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return ""
	}
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			return strings.TrimRight(t, " \t\r\n")
		}
	}
	return ""
}

// atxHeading returns the level and title of an ATX heading line, or 0.
func atxHeading(line string) (int, string) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return 0, ""
	}
	level := len(t) - len(strings.TrimLeft(t, "#"))
	rest := t[level:]
	if level < 1 || level > 6 || rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != '\r' {
		return 0, ""
	}
	title := strings.TrimSpace(rest)
	if trimmed := strings.TrimRight(title, "#"); trimmed == "" || strings.HasSuffix(trimmed, " ") {
		title = strings.TrimSpace(trimmed)
	}
	return level, title
}

// headingPath is the stack of headings above the current line, by level.
type headingPath struct{ titles [6]string }

// set makes title the heading at level (1 to 6), dropping deeper ones.
func (h *headingPath) set(level int, title string) {
	h.titles[level-1] = title
	for i := level; i < len(h.titles); i++ {
		h.titles[i] = ""
	}
}

// String joins the headings in force with " > ".
func (h *headingPath) String() string {
	var parts []string
	for _, t := range h.titles {
		if t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " > ")
}
