package docsync_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory/docsync"
	"github.com/hearth-app/hearth/memory/ingest"
)

func parseText(t *testing.T, name, text string) ([]ingest.Chunk, ingest.Outcome) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	write(t, path, text)
	var chunks []ingest.Chunk
	out := docsync.PlainText(context.Background(), path, func(c ingest.Chunk) error {
		chunks = append(chunks, c)
		return nil
	})
	return chunks, out
}

func TestPlainTextHeadingsAndRanges(t *testing.T) {
	text := "# Guide\n\nIntro é text.\n\n## Build\n\n```c\n#include <stdio.h>\n# not a heading\n```\n\n#hashtag is no heading\nStep one.\n"
	chunks, out := parseText(t, "g.md", text)
	if out.Status != ingest.Indexed {
		t.Fatalf("outcome = %+v", out)
	}
	runes := []rune(text)
	var headings []string
	for _, c := range chunks {
		if got := string(runes[c.Start:c.End]); got != c.Text {
			t.Fatalf("chunk range %d-%d is %q, text %q", c.Start, c.End, got, c.Text)
		}
		headings = append(headings, c.Heading)
	}
	if strings.Join(headings, "|") != "Guide|Guide > Build" {
		t.Fatalf("headings = %q", headings)
	}
}

func TestPlainTextLongLineAndLimits(t *testing.T) {
	long := strings.Repeat("word ", 10000) // 50,000 characters, no newline
	chunks, out := parseText(t, "one-line.txt", long)
	if out.Status != ingest.Indexed || len(chunks) < 50000/1600 {
		t.Fatalf("outcome %+v, %d chunks", out, len(chunks))
	}
	for _, c := range chunks {
		if n := len([]rune(c.Text)); n > 1600 {
			t.Fatalf("chunk of %d characters", n)
		}
	}
	if _, out := parseText(t, "empty.md", "\n\n  \n"); out.Status != ingest.NoText {
		t.Fatalf("blank file = %+v", out)
	}
	if _, out := parseText(t, "x.bin.md", "abc\x00def"); out.Status != ingest.Failed || out.Reason == "" {
		t.Fatalf("binary file = %+v", out)
	}
	if _, out := parseText(t, "image.png", "png"); out.Status != ingest.Skipped {
		t.Fatalf("unknown type = %+v", out)
	}
}
