package ingest

import (
	"io"
	"strings"
	"unicode"
)

// chunker cuts a document's extracted text, fed to it block by block in
// order, into Chunks of at most Options.ChunkSize characters. It prefers to
// cut at a paragraph break, then at a sentence end, then at a line break,
// then between words, and only as a last resort inside a word. Its memory is
// bounded by the chunk size plus the largest block fed to it, whatever the
// document's length.
//
// A change of heading path or of page ends a chunk: a chunk never
// straddles two sections or two pages, so its heading path and page hold
// for all of its text, and a citation's page is exact. Leading and trailing white space is trimmed from each chunk by moving
// its Start and End, so that extracted[Start:End] == Text always holds.
type chunker struct {
	size, overlap int
	emit          func(Chunk) error
	extracted     io.Writer

	buf     []rune // text not yet emitted (or kept as overlap)
	base    int    // offset of buf[0] in the whole extracted text
	page    int    // the page of everything in buf
	heading string // the heading path of everything in buf
	total   int    // characters fed so far
}

// newChunker returns a chunker that sends each chunk to emit, and the whole
// extracted text to extracted when that is not nil.
func newChunker(opts Options, emit func(Chunk) error) *chunker {
	return &chunker{size: opts.ChunkSize, overlap: opts.Overlap, emit: emit, extracted: opts.Extracted}
}

// add feeds the next block of extracted text, found on page (0 without
// pages) under the heading path heading. Invalid UTF-8 becomes U+FFFD
// before anything else sees it.
func (c *chunker) add(text string, page int, heading string) error {
	text = strings.ToValidUTF8(text, "\uFFFD")
	if text == "" {
		return nil
	}
	if c.extracted != nil {
		if _, err := io.WriteString(c.extracted, text); err != nil {
			return err
		}
	}
	if heading != c.heading || page != c.page {
		if err := c.flush(); err != nil {
			return err
		}
		c.heading, c.page = heading, page
	}
	n := len(c.buf)
	c.buf = append(c.buf, []rune(text)...)
	c.total += len(c.buf) - n
	for len(c.buf) > c.size {
		if err := c.cut(c.boundary(), true); err != nil {
			return err
		}
	}
	return nil
}

// flush emits whatever is buffered, with no overlap carried into the next
// section. Parsers call it at the end of the document.
func (c *chunker) flush() error {
	for len(c.buf) > c.size {
		if err := c.cut(c.boundary(), true); err != nil {
			return err
		}
	}
	if err := c.cut(len(c.buf), false); err != nil {
		return err
	}
	c.buf = c.buf[:0]
	c.base = c.total
	return nil
}

// boundary picks where the next chunk ends: the best break at or before the
// chunk size, and no earlier than half of it.
func (c *chunker) boundary() int {
	hi, lo := c.size, c.size/2
	if lo < 1 {
		lo = 1
	}
	for _, isBreak := range []func([]rune, int) bool{paragraphBreak, sentenceBreak, lineBreak, wordBreak} {
		for e := hi; e >= lo; e-- {
			if isBreak(c.buf, e) {
				return e
			}
		}
	}
	return hi
}

// paragraphBreak reports whether a blank line ends just before e.
func paragraphBreak(r []rune, e int) bool {
	if e < 2 || r[e-1] != '\n' {
		return false
	}
	return r[e-2] == '\n' || e >= 3 && r[e-2] == '\r' && r[e-3] == '\n'
}

// sentenceBreak reports whether a sentence ends just before e and white
// space follows.
func sentenceBreak(r []rune, e int) bool {
	if e < 1 || e >= len(r) {
		return false
	}
	if strings.ContainsRune("。！？", r[e-1]) {
		return true
	}
	return unicode.IsSpace(r[e]) && strings.ContainsRune(".!?;", r[e-1])
}

// lineBreak reports whether a line ends just before e.
func lineBreak(r []rune, e int) bool { return e >= 1 && r[e-1] == '\n' }

// wordBreak reports whether e falls between a space and a word.
func wordBreak(r []rune, e int) bool {
	return e >= 1 && e < len(r) && unicode.IsSpace(r[e-1]) && !unicode.IsSpace(r[e])
}

// cut emits buf[:e] as a chunk, then drops it from the buffer, keeping an
// overlap of up to c.overlap characters (started at a word) when overlap is
// true.
func (c *chunker) cut(e int, overlap bool) error {
	s, t := 0, e
	for s < t && unicode.IsSpace(c.buf[s]) {
		s++
	}
	for t > s && unicode.IsSpace(c.buf[t-1]) {
		t--
	}
	if s < t {
		ch := Chunk{Text: string(c.buf[s:t]), Page: c.page, Heading: c.heading, Start: c.base + s, End: c.base + t}
		if err := c.emit(ch); err != nil {
			return err
		}
	}
	keep := e
	if overlap && c.overlap > 0 {
		keep = c.overlapStart(e)
	}
	c.drop(keep)
	return nil
}

// overlapStart returns where the next chunk starts so that it repeats the
// last words (up to c.overlap characters) before e; e when no word fits.
func (c *chunker) overlapStart(e int) int {
	for k := max(e-c.overlap, 1); k < e; k++ {
		if wordBreak(c.buf, k) {
			return k
		}
	}
	return e
}

// drop removes the first k characters of the buffer.
func (c *chunker) drop(k int) {
	c.buf = append(c.buf[:0], c.buf[k:]...)
	c.base += k
}
