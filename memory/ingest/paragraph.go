package ingest

import "strings"

// paragraph gathers the text of one paragraph of an XML document (DOCX,
// ODT) until its end says whether it was a heading. A paragraph longer than
// maxPiece is fed in pieces as body text, so memory stays bounded.
type paragraph struct {
	c     *chunker
	path  headingPath
	text  strings.Builder
	level int // heading level of the paragraph, 0 for body text
}

// write adds s to the paragraph.
func (p *paragraph) write(s string) error {
	p.text.WriteString(s)
	if p.text.Len() > maxPiece {
		return p.spill()
	}
	return nil
}

// spill feeds what the paragraph holds so far as body text.
func (p *paragraph) spill() error {
	s := p.text.String()
	p.text.Reset()
	p.level = 0
	return p.c.add(s, 0, p.path.String())
}

// end closes the paragraph: a heading sets the heading path first.
func (p *paragraph) end() error {
	s := p.text.String()
	p.text.Reset()
	level := p.level
	p.level = 0
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if level > 0 {
		p.path.set(min(level, 6), strings.Join(strings.Fields(s), " "))
	}
	return p.c.add(s+"\n\n", 0, p.path.String())
}
