package ingest

import (
	"context"
	"encoding/xml"
	"os"
	"strconv"
	"strings"
)

// wordNS is the namespace of WordprocessingML's elements.
const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// parseDOCX streams word/document.xml: each w:p is a paragraph, w:t its
// text, w:tab and w:br white space; a paragraph styled "Heading N" (or
// "Title") sets the heading path. Headers, footers, footnotes and comments
// are not read.
func (p *Parser) parseDOCX(ctx context.Context, f *os.File, size int64, c *chunker) error {
	if err := p.checkSize(formatDOCX, size); err != nil {
		return err
	}
	z, err := openZip(f, size, formatDOCX)
	if err != nil {
		return err
	}
	rc, err := z.open("word/document.xml")
	if err != nil {
		return err
	}
	defer rc.Close()
	return walkXML(ctx, rc, formatDOCX, &docxText{para: paragraph{c: c}})
}

// docxText follows a WordprocessingML body.
type docxText struct {
	para   paragraph
	inText bool
}

func (d *docxText) start(e xml.StartElement) error {
	if e.Name.Space != wordNS {
		return nil
	}
	switch e.Name.Local {
	case "t":
		d.inText = true
	case "tab":
		return d.para.write("\t")
	case "br", "cr":
		return d.para.write("\n")
	case "pStyle":
		d.para.level = headingStyle(attr(e, "val"))
	}
	return nil
}

func (d *docxText) end(e xml.EndElement) error {
	switch {
	case e.Name.Space != wordNS:
	case e.Name.Local == "t":
		d.inText = false
	case e.Name.Local == "p":
		return d.para.end()
	}
	return nil
}

func (d *docxText) text(s string) error {
	if d.inText {
		return d.para.write(s)
	}
	return nil
}

func (d *docxText) finish() error { return d.para.end() }

// headingStyle returns the heading level a Word paragraph style names:
// "Heading1" to "Heading9" (or "heading 2"), "Title" as 1; else 0.
func headingStyle(style string) int {
	s := strings.ToLower(strings.ReplaceAll(style, " ", ""))
	if s == "title" {
		return 1
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(s, "heading")); err == nil && strings.HasPrefix(s, "heading") && n >= 1 {
		return n
	}
	return 0
}

// attr returns the value of e's attribute with local name local.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
