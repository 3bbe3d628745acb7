package docsync

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/hearth-app/hearth/memory/ingest"
)

// Chunk sizes of PlainText, in characters: a chunk closes at a paragraph
// break once it holds chunkMin, and at any line once it holds chunkMax.
const (
	chunkMin = 800
	chunkMax = 1600
	// lineMax is the longest piece of one line handled at once: a longer
	// line (a file without newlines) is cut into pieces of this size.
	lineMax = chunkMax
)

// PlainText reads .txt and Markdown files (.md, .markdown) as UTF-8
// text, streaming, in chunks of about a thousand characters cut at
// paragraph breaks; Markdown headings give the chunks their heading
// path. Other types are skipped; a file with NUL bytes is not text.
func PlainText(ctx context.Context, path string, emit func(ingest.Chunk) error) ingest.Outcome {
	ext := strings.ToLower(filepath.Ext(path))
	markdown := ext == ".md" || ext == ".markdown"
	if !markdown && ext != ".txt" && ext != ".text" {
		return ingest.Outcome{Status: ingest.Skipped, Reason: "this file type is not read yet"}
	}
	f, err := os.Open(path)
	if err != nil {
		return ingest.Outcome{Status: ingest.Failed, Reason: fmt.Sprintf("the file could not be opened: %v", errors.Unwrap(err))}
	}
	defer f.Close()
	c := &chunker{emit: emit, markdown: markdown}
	if err := c.read(ctx, bufio.NewReaderSize(f, 64<<10)); err != nil {
		return ingest.Outcome{Status: ingest.Failed, Reason: err.Error()}
	}
	if c.chunks == 0 {
		return ingest.Outcome{Status: ingest.NoText, Reason: "the file holds no text"}
	}
	return ingest.Outcome{Status: ingest.Indexed}
}

// errBinary says a file that should be text is not.
var errBinary = errors.New("the file holds binary data, not text")

// chunker cuts lines into chunks, tracking character offsets and the
// Markdown heading path.
type chunker struct {
	emit     func(ingest.Chunk) error
	markdown bool
	headings []string
	buf      strings.Builder
	bufChars int
	start    int // offset of buf's first character
	at       int // offset of the next character read
	chunks   int
	blank    bool // the last line was blank
	fenced   bool // inside a Markdown code fence, where '#' is no heading
}

// isHeading reports whether a trimmed line is a Markdown ATX heading:
// one to six '#' then a space or the end of the line.
func isHeading(line string) bool {
	rest := strings.TrimLeft(line, "#")
	level := len(line) - len(rest)
	return level >= 1 && level <= 6 && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

func (c *chunker) read(ctx context.Context, r *bufio.Reader) error {
	for n := 0; ; n++ {
		if n%256 == 0 && ctx.Err() != nil {
			return fmt.Errorf("reading stopped: %w", ctx.Err())
		}
		line, err := r.ReadSlice('\n')
		if len(line) > 0 {
			if bytes.IndexByte(line, 0) >= 0 {
				return errBinary
			}
			if err := c.pieces(strings.ToValidUTF8(string(line), "\uFFFD")); err != nil {
				return err
			}
		}
		switch {
		case err == nil, errors.Is(err, bufio.ErrBufferFull):
		case errors.Is(err, io.EOF):
			return c.flush()
		default:
			return fmt.Errorf("the file could not be read: %w", err)
		}
	}
}

// pieces hands text to line in pieces of at most lineMax characters.
func (c *chunker) pieces(text string) error {
	for utf8.RuneCountInString(text) > lineMax {
		cut := len(string([]rune(text)[:lineMax]))
		if err := c.line(text[:cut]); err != nil {
			return err
		}
		text = text[cut:]
	}
	return c.line(text)
}

// line takes one line, or a piece of a long one (then without '\n').
func (c *chunker) line(text string) error {
	n := utf8.RuneCountInString(text)
	trimmed := strings.TrimSpace(text)
	if c.markdown && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")) {
		c.fenced = !c.fenced
	}
	if c.markdown && !c.fenced && isHeading(trimmed) {
		if err := c.flush(); err != nil {
			return err
		}
		c.heading(trimmed)
	}
	if trimmed == "" && c.bufChars >= chunkMin && !c.blank {
		if err := c.flush(); err != nil {
			return err
		}
	}
	c.blank = trimmed == ""
	if c.bufChars+n > chunkMax && c.bufChars > 0 {
		if err := c.flush(); err != nil {
			return err
		}
	}
	if c.bufChars == 0 {
		c.start = c.at
	}
	c.buf.WriteString(text)
	c.bufChars += n
	c.at += n
	return nil
}

// heading updates the heading path with a Markdown heading line.
func (c *chunker) heading(line string) {
	level := len(line) - len(strings.TrimLeft(line, "#"))
	title := strings.TrimSpace(strings.Trim(line, "#"))
	if level > 6 || title == "" {
		return
	}
	if len(c.headings) >= level {
		c.headings = c.headings[:level-1]
	}
	for len(c.headings) < level-1 {
		c.headings = append(c.headings, "")
	}
	c.headings = append(c.headings, title)
}

// flush emits the buffered text as a chunk unless it is blank.
func (c *chunker) flush() error {
	text := c.buf.String()
	c.buf.Reset()
	chars := c.bufChars
	c.bufChars = 0
	if strings.TrimSpace(text) == "" {
		return nil
	}
	c.chunks++
	var path []string
	for _, h := range c.headings {
		if h != "" {
			path = append(path, h)
		}
	}
	return c.emit(ingest.Chunk{Text: text, Heading: strings.Join(path, " > "), Start: c.start, End: c.start + chars})
}
