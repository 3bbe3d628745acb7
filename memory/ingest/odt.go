package ingest

import (
	"context"
	"encoding/xml"
	"os"
	"strconv"
	"strings"
)

// Namespaces of OpenDocument's elements.
const (
	odfTextNS   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odfOfficeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
)

// parseODT streams content.xml: text:p is a paragraph, text:h a heading
// of its text:outline-level; text:s, text:tab and text:line-break are
// white space; annotations are dropped.
func (p *Parser) parseODT(ctx context.Context, f *os.File, size int64, c *chunker) error {
	if err := p.checkSize(formatODT, size); err != nil {
		return err
	}
	z, err := openZip(f, size, formatODT)
	if err != nil {
		return err
	}
	rc, err := z.open("content.xml")
	if err != nil {
		return err
	}
	defer rc.Close()
	return walkXML(ctx, rc, formatODT, &odtText{para: paragraph{c: c}})
}

// odtText follows an OpenDocument text body.
type odtText struct {
	para  paragraph
	depth int // open text:p and text:h elements
	skip  int // open annotations
}

func (o *odtText) start(e xml.StartElement) error {
	if e.Name.Space == odfOfficeNS && e.Name.Local == "annotation" {
		o.skip++
	}
	if e.Name.Space != odfTextNS || o.skip > 0 {
		return nil
	}
	switch e.Name.Local {
	case "h":
		o.depth++
		o.para.level = 1
		if n, err := strconv.Atoi(attr(e, "outline-level")); err == nil && n > 0 {
			o.para.level = n
		}
	case "p":
		o.depth++
	case "s":
		n, err := strconv.Atoi(attr(e, "c"))
		if err != nil || n < 1 {
			n = 1
		}
		return o.para.write(strings.Repeat(" ", min(n, 1000)))
	case "tab":
		return o.para.write("\t")
	case "line-break":
		return o.para.write("\n")
	}
	return nil
}

func (o *odtText) end(e xml.EndElement) error {
	if e.Name.Space == odfOfficeNS && e.Name.Local == "annotation" && o.skip > 0 {
		o.skip--
		return nil
	}
	if e.Name.Space == odfTextNS && (e.Name.Local == "p" || e.Name.Local == "h") && o.skip == 0 && o.depth > 0 {
		o.depth--
		if o.depth == 0 {
			return o.para.end()
		}
	}
	return nil
}

func (o *odtText) text(s string) error {
	if o.depth > 0 && o.skip == 0 {
		return o.para.write(s)
	}
	return nil
}

func (o *odtText) finish() error { return o.para.end() }
