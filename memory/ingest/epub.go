package ingest

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"strings"
)

// maxSpine bounds the chapters read from one book.
const maxSpine = 10000

// parseEPUB reads a book's chapters in reading order: META-INF/container.xml
// names the package document, whose spine lists the XHTML chapters, each
// read as HTML with one heading path running through the book.
func (p *Parser) parseEPUB(ctx context.Context, f *os.File, size int64, c *chunker) error {
	if err := p.checkSize(formatEPUB, size); err != nil {
		return err
	}
	z, err := openZip(f, size, formatEPUB)
	if err != nil {
		return err
	}
	opf, err := epubRoot(z)
	if err != nil {
		return err
	}
	chapters, err := epubSpine(z, opf)
	if err != nil {
		return err
	}
	h := &htmlText{c: c, startOfs: true, noTitle: true}
	for _, name := range chapters {
		if err := epubChapter(ctx, z, name, h); err != nil {
			return err
		}
	}
	return nil
}

// epubRoot returns the name of the package document.
func epubRoot(z *zipDoc) (string, error) {
	var container struct {
		Rootfiles []struct {
			FullPath string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := decodeEntry(z, "META-INF/container.xml", &container); err != nil {
		return "", err
	}
	if len(container.Rootfiles) == 0 || container.Rootfiles[0].FullPath == "" {
		return "", errUnreadable("The EPUB book is damaged: it names no package document.", nil)
	}
	return container.Rootfiles[0].FullPath, nil
}

// epubSpine returns the entry names of the chapters, in reading order.
func epubSpine(z *zipDoc, opf string) ([]string, error) {
	var pkg struct {
		Items []struct {
			ID   string `xml:"id,attr"`
			Href string `xml:"href,attr"`
			Type string `xml:"media-type,attr"`
		} `xml:"manifest>item"`
		Spine []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := decodeEntry(z, opf, &pkg); err != nil {
		return nil, err
	}
	hrefs := map[string]string{}
	for _, it := range pkg.Items {
		if strings.Contains(it.Type, "html") {
			hrefs[it.ID] = it.Href
		}
	}
	var names []string
	for _, ref := range pkg.Spine[:min(len(pkg.Spine), maxSpine)] {
		href, ok := hrefs[ref.IDRef]
		if !ok {
			continue
		}
		if u, err := url.PathUnescape(href); err == nil {
			href = u
		}
		names = append(names, path.Join(path.Dir(opf), href))
	}
	return names, nil
}

// decodeEntry decodes the XML entry name into v.
func decodeEntry(z *zipDoc, name string, v any) error {
	rc, err := z.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = false
	if err := d.Decode(v); err != nil {
		return errUnreadable(fmt.Sprintf("The EPUB book is damaged: %s does not parse.", name), err)
	}
	return nil
}

// epubChapter feeds one chapter through h, which carries the heading path.
func epubChapter(ctx context.Context, z *zipDoc, name string, h *htmlText) error {
	if z.find(name) == nil {
		return nil // a spine entry the archive lacks: the rest of the book is still read
	}
	rc, err := z.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := h.stream(ctx, rc); err != nil {
		return err
	}
	return h.write("\n\n")
}

var _ io.Reader = (*cappedReader)(nil)
