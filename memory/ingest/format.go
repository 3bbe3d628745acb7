package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// format is a kind of document Parse reads.
type format int

// The formats, by how they are read.
const (
	formatText format = iota
	formatMarkdown
	formatCode
	formatHTML
	formatCSV
	formatPDF
	formatDOCX
	formatODT
	formatEPUB
	formatEmail
	formatMbox
	formatGzip
)

// String names the format in a sentence ("The PDF is encrypted.").
func (k format) String() string {
	return [...]string{"text file", "Markdown file", "source file", "HTML file", "CSV file", "PDF", "DOCX document", "ODT document", "EPUB book", "e-mail", "mailbox", "gzip file"}[k]
}

// noText is the NoText reason for a file of this format without text.
func (k format) noText() string {
	if k == formatPDF {
		return "The PDF has no text layer (probably a scan)."
	}
	return fmt.Sprintf("The %s holds no text.", k)
}

// byExtension maps lower-case extensions (and a few whole names) to formats.
var byExtension = map[string]format{
	".md": formatMarkdown, ".markdown": formatMarkdown, ".mdown": formatMarkdown, ".mkd": formatMarkdown,
	".txt": formatText, ".text": formatText, ".rst": formatText, ".org": formatText, ".adoc": formatText, ".log": formatText, ".tex": formatText,
	".html": formatHTML, ".htm": formatHTML, ".xhtml": formatHTML,
	".csv": formatCSV, ".tsv": formatCSV,
	".pdf": formatPDF, ".docx": formatDOCX, ".odt": formatODT, ".epub": formatEPUB,
	".eml": formatEmail, ".mbox": formatMbox, ".mbx": formatMbox,
	".gz": formatGzip,
}

// detect decides how to read the file at path from its name and its first
// bytes, head. A non-empty Outcome says it is not read, and why.
func detect(path string, head []byte) (format, Outcome) {
	ext := strings.ToLower(filepath.Ext(path))
	kind, known := byExtension[ext]
	if !known && isCode(path) {
		kind, known = formatCode, true
	}
	switch {
	case kind == formatPDF:
		if !bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")) {
			return kind, Outcome{Failed, "It is named .pdf but is not a PDF."}
		}
	case kind == formatGzip:
		if !bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
			return kind, Outcome{Failed, "It is named .gz but is not gzip-compressed."}
		}
	case kind == formatDOCX || kind == formatODT || kind == formatEPUB:
		if !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
			return kind, Outcome{Failed, fmt.Sprintf("It is named %s but is not a %s (not a zip archive).", ext, kind)}
		}
	case !isText(head) && known:
		return kind, Outcome{Skipped, fmt.Sprintf("It is named %s but holds binary data, not text.", ext)}
	case !isText(head):
		return kind, Outcome{Skipped, fmt.Sprintf("Hearth does not read %s files.", describeExt(ext))}
	}
	return kind, Outcome{}
}

// describeExt names an extension for a sentence.
func describeExt(ext string) string {
	if ext == "" {
		return "binary"
	}
	return ext
}

// isText reports whether head looks like the start of a UTF-8 (or
// Latin-1) text file: no NUL byte, and few control characters or invalid
// sequences.
func isText(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	bad := 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		switch {
		case r == utf8.RuneError && n == 1 && i+utf8.UTFMax < len(head):
			bad++
		case r < 0x20 && !strings.ContainsRune("\t\n\r\f\v\x1b", r):
			bad++
		}
		i += n
	}
	return bad*10 <= len(head)
}

// parseFormat feeds f's text to c with the parser for kind.
func (p *Parser) parseFormat(ctx context.Context, kind format, f *os.File, size int64, c *chunker) error {
	switch kind {
	case formatPDF:
		return p.parsePDF(ctx, f, size, c)
	case formatDOCX:
		return p.parseDOCX(ctx, f, size, c)
	case formatODT:
		return p.parseODT(ctx, f, size, c)
	case formatEPUB:
		return p.parseEPUB(ctx, f, size, c)
	case formatGzip:
		return parseGzip(ctx, f, size, c)
	}
	return parseStream(ctx, kind, f.Name(), f, c)
}

// parseStream feeds the text of r, a file named name of a kind read as a
// stream, to c.
func parseStream(ctx context.Context, kind format, name string, r io.Reader, c *chunker) error {
	switch kind {
	case formatMarkdown:
		return parseMarkdown(ctx, r, c)
	case formatCode:
		return parseCode(ctx, r, c)
	case formatHTML:
		return parseHTML(ctx, r, c)
	case formatCSV:
		return parseCSV(ctx, name, r, c)
	case formatEmail:
		return parseEmail(ctx, r, c)
	case formatMbox:
		return parseMbox(ctx, r, c)
	}
	return parseText(ctx, r, c)
}

// Extensions returns the file extensions (lower case, with the dot) that
// Parse knows by name, sorted. A walker need not filter with it: Parse
// also reads files of other names whose content is text, and says why it
// skips the rest.
func Extensions() []string {
	var exts []string
	for e := range byExtension {
		exts = append(exts, e)
	}
	for e := range codeExtensions {
		exts = append(exts, e)
	}
	slices.Sort(exts)
	return exts
}
