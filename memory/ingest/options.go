package ingest

import (
	"io"
	"time"
)

// Defaults for Options left zero.
const (
	// DefaultChunkSize is about 250 tokens of English prose.
	DefaultChunkSize = 1000
	// DefaultOverlap repeats the end of one chunk at the start of the next.
	DefaultOverlap = 100
	// DefaultMaxFileSize caps the formats that cannot be streamed.
	DefaultMaxFileSize = 512 << 20
	// DefaultTimeout bounds one file's parse.
	DefaultTimeout = 5 * time.Minute
)

// Options tunes Parse. The zero value gives the defaults.
type Options struct {
	// ChunkSize is the most characters (code points) a chunk holds; the
	// chunker cuts at a paragraph, sentence, line or word break between
	// half of it and all of it. Default DefaultChunkSize, at least 16.
	ChunkSize int
	// Overlap is how many characters at the end of a chunk start the next
	// one too, within a section. At most a quarter of ChunkSize; negative
	// means none. Default DefaultOverlap.
	Overlap int
	// MaxFileSize caps the formats that are read whole or through a
	// zip's directory: PDF, DOCX, ODT and EPUB. Text, Markdown, source
	// code, HTML, CSV, e-mail, mbox and their gzipped forms stream with
	// bounded memory and have no cap.
	// Default DefaultMaxFileSize.
	MaxFileSize int64
	// Timeout bounds the time one file may take. Default DefaultTimeout.
	Timeout time.Duration
	// Extracted, when not nil, receives the document's whole extracted
	// text as it is read: the text that Chunk.Start and End index.
	Extracted io.Writer
	// CacheDir, when not "", is where the PDF engine keeps its compiled
	// code between runs, so only the first run pays for compiling it.
	CacheDir string
}

// withDefaults returns o with zero fields set to their defaults and the
// rest brought into range.
func (o Options) withDefaults() Options {
	if o.ChunkSize == 0 {
		o.ChunkSize = DefaultChunkSize
	}
	o.ChunkSize = max(o.ChunkSize, 16)
	if o.Overlap == 0 {
		o.Overlap = DefaultOverlap
	}
	o.Overlap = min(max(o.Overlap, 0), o.ChunkSize/4)
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	return o
}
