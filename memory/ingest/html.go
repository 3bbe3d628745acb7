package ingest

import (
	"context"
	"errors"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// maxToken bounds one HTML token (a run of text or a tag) in memory.
const maxToken = 1 << 20

// parseHTML decodes the page's declared charset (Latin-1, Shift JIS, ...),
// then streams the HTML through golang.org/x/net/html's tokenizer (no
// tree is built, so memory stays bounded) and feeds the visible text:
// scripts, styles, templates, navigation menus and the like are dropped, block elements
// become line or paragraph breaks, runs of white space one space, and
// headings h1 to h6 set the heading path.
func parseHTML(ctx context.Context, r io.Reader, c *chunker) error {
	h := &htmlText{c: c, startOfs: true}
	if dr, err := charset.NewReader(r, ""); err == nil {
		r = dr // decoded from the charset the page declares (or sniffs as), UTF-8 when unknown
	}
	return h.stream(ctx, r)
}

// stream feeds the text of the HTML document r.
func (h *htmlText) stream(ctx context.Context, r io.Reader) error {
	h.skip = 0
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxToken)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		tt := z.Next()
		if tt == html.ErrorToken {
			if errors.Is(z.Err(), io.EOF) {
				return h.endHeading()
			}
			if errors.Is(z.Err(), html.ErrBufferExceeded) {
				return errUnreadable("The HTML file has a single piece of text or tag over 1 MiB.", z.Err())
			}
			return z.Err()
		}
		if err := h.token(z, tt); err != nil {
			return err
		}
	}
}

// htmlText turns the tokens of an HTML document into text blocks.
type htmlText struct {
	c        *chunker
	path     headingPath
	skip     int             // depth inside elements whose text is not shown
	heading  int             // the level of the heading being read, or 0
	title    strings.Builder // its text so far
	space    bool            // a space is due before the next word
	startOfs bool            // nothing written since the last break
	noTitle  bool            // drop <title> too (an EPUB chapter's is a file name)
}

// hidden are the elements whose content is not text for the reader.
var hidden = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Nav: true}

// paragraphs are the block elements that end a paragraph; other blocks
// end a line.
var paragraphs = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Header: true, atom.Footer: true, atom.Main: true, atom.Aside: true, atom.Nav: true, atom.Figure: true, atom.Title: true, atom.Hr: true, atom.Form: true}
var lines = map[atom.Atom]bool{atom.Br: true, atom.Li: true, atom.Tr: true, atom.Dt: true, atom.Dd: true, atom.Caption: true, atom.Figcaption: true}

// token handles one token.
func (h *htmlText) token(z *html.Tokenizer, tt html.TokenType) error {
	name, _ := z.TagName()
	a := atom.Lookup(name)
	switch tt {
	case html.StartTagToken, html.SelfClosingTagToken:
		if h.hides(a) && tt == html.StartTagToken {
			h.skip++
		}
		return h.open(a)
	case html.EndTagToken:
		if h.hides(a) && h.skip > 0 {
			h.skip--
		}
		return h.close(a)
	case html.TextToken:
		if h.skip == 0 {
			return h.text(string(z.Text()))
		}
	}
	return nil
}

// hides reports whether the content of element a is not text to read.
func (h *htmlText) hides(a atom.Atom) bool {
	return hidden[a] || h.noTitle && a == atom.Title
}

// level returns a heading element's level, 0 for other elements.
func level(a atom.Atom) int {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return int(a.String()[1] - '0')
	}
	return 0
}

// open handles a start tag.
func (h *htmlText) open(a atom.Atom) error {
	if l := level(a); l > 0 {
		if err := h.endHeading(); err != nil {
			return err
		}
		h.heading = l
		h.title.Reset()
		return nil
	}
	return h.brk(a)
}

// close handles an end tag.
func (h *htmlText) close(a atom.Atom) error {
	if level(a) > 0 {
		return h.endHeading()
	}
	return h.brk(a)
}

// brk writes the break a block element asks for.
func (h *htmlText) brk(a atom.Atom) error {
	switch {
	case paragraphs[a]:
		return h.write("\n\n")
	case lines[a] || a == atom.Td || a == atom.Th:
		if a == atom.Td || a == atom.Th {
			h.space = true
			return nil
		}
		return h.write("\n")
	}
	return nil
}

// endHeading sets the heading path from the heading just read, and writes
// its title as the first line of its section.
func (h *htmlText) endHeading() error {
	if h.heading == 0 {
		return nil
	}
	title := strings.Join(strings.Fields(h.title.String()), " ")
	level := h.heading
	h.heading = 0
	if title == "" {
		return nil
	}
	h.path.set(level, title)
	if err := h.write("\n\n"); err != nil {
		return err
	}
	h.space = false
	if err := h.words(title); err != nil {
		return err
	}
	return h.write("\n\n")
}

// text handles visible text: inside a heading it is kept for the title.
func (h *htmlText) text(s string) error {
	if h.heading > 0 {
		if h.title.Len() < maxToken {
			h.title.WriteString(s)
			h.title.WriteByte(' ')
		}
		return nil
	}
	return h.words(s)
}

// words writes s with each run of white space made one space.
func (h *htmlText) words(s string) error {
	f := strings.Fields(s)
	if len(f) == 0 {
		h.space = h.space || s != ""
		return nil
	}
	var b strings.Builder
	lead := s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r'
	if (h.space || lead) && !h.startOfs {
		b.WriteByte(' ')
	}
	b.WriteString(strings.Join(f, " "))
	last := s[len(s)-1]
	h.space = last == ' ' || last == '\t' || last == '\n' || last == '\r'
	h.startOfs = false
	return h.c.add(b.String(), 0, h.path.String())
}

// write writes a break, at most one blank line in a row.
func (h *htmlText) write(br string) error {
	if h.startOfs {
		return nil
	}
	h.startOfs, h.space = true, false
	return h.c.add(br, 0, h.path.String())
}
