package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Location is where a chunk lies in its document: the 1-based page (0
// for formats without pages), the heading path, and the character range
// of the document's extracted text.
type Location struct {
	Page    int    `json:"page,omitempty"`
	Heading string `json:"heading,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// DocHit is one document search result: a chunk, the file it came from
// and a short snippet of it around the query's words.
type DocHit struct {
	ChunkID    int64    `json:"chunk_id"`
	DocumentID int64    `json:"document_id"`
	Path       string   `json:"path"`
	Score      float64  `json:"score"`
	Snippet    string   `json:"snippet"`
	Text       string   `json:"text"`
	Location   Location `json:"location"`
}

// ChunkScore is one ranked chunk, before it is resolved into a DocHit.
// Keyword and vector retrieval each yield a ranked list of these; a
// fusion of the lists (reciprocal rank fusion) is again one, which
// ResolveChunks turns into results.
type ChunkScore struct {
	ChunkID int64
	Score   float64
}

// snippetChars is the length of a search snippet, in characters.
const snippetChars = 240

// SearchDocuments finds up to k document chunks matching query by BM25
// over the stemmed chunk text, best first. It works without any
// embedding model. The query is never stored or logged.
func (s *Store) SearchDocuments(ctx context.Context, query string, k int) ([]DocHit, error) {
	ranked, err := s.KeywordChunks(ctx, query, k)
	if err != nil {
		return nil, err
	}
	return s.ResolveChunks(ctx, query, ranked)
}

// KeywordChunks ranks up to k chunks for query by BM25 (English
// stemming), best first.
func (s *Store) KeywordChunks(ctx context.Context, query string, k int) ([]ChunkScore, error) {
	idx, err := s.searchIndex(ctx)
	if err != nil || idx == nil {
		return nil, err
	}
	hits, err := idx.SearchStemmed(ctx, query, k)
	if err != nil {
		return nil, fmt.Errorf("search documents: %w", err)
	}
	out := make([]ChunkScore, 0, len(hits))
	for _, h := range hits {
		if id, ok := parseChunkDoc(h.ID); ok {
			out = append(out, ChunkScore{ChunkID: id, Score: h.Score})
		}
	}
	return out, nil
}

// ResolveChunks loads the chunks of a ranked list with their files'
// paths and locations, and cuts a snippet around query's words. Chunks
// deleted since they were ranked are left out.
func (s *Store) ResolveChunks(ctx context.Context, query string, ranked []ChunkScore) ([]DocHit, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	words := queryWords(query)
	out := make([]DocHit, 0, len(ranked))
	for _, r := range ranked {
		var doc int64
		var crec, drec []byte
		err := s.r.QueryRowContext(ctx, "SELECT c.document_id, c.body, d.body FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ?",
			r.ChunkID).Scan(&doc, &crec, &drec)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, dbError("read chunk", err)
		}
		var d docBody
		c, err := openChunk(key, r.ChunkID, crec)
		if err != nil {
			return nil, err
		}
		if err := openJSON(key, colDocumentBody, doc, drec, &d); err != nil {
			return nil, err
		}
		out = append(out, DocHit{ChunkID: r.ChunkID, DocumentID: doc, Path: d.Path, Score: r.Score,
			Snippet: snippet(c.Text, words, snippetChars), Text: c.Text,
			Location: Location{Page: c.Page, Heading: c.Heading, Start: c.Start, End: c.End}})
	}
	return out, nil
}

// queryWords returns the lower-cased words of a query.
func queryWords(q string) []string {
	return strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// snippet returns about n characters of text around the first place one
// of words starts (a stem matches its longer forms), cut at spaces, with
// an ellipsis where text was cut.
func snippet(text string, words []string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	lower := strings.ToLower(text)
	at := -1
	for _, w := range words {
		if len(w) < 3 {
			continue
		}
		if len(w) > 5 {
			w = w[:len(w)-2] // a crude stem: "indexing" finds "indexed"
		}
		if i := strings.Index(lower, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	runes := []rune(text)
	start := 0
	if at > 0 {
		start = max(0, utf8.RuneCountInString(text[:at])-n/4)
	}
	end := min(len(runes), start+n)
	for start > 0 && start < end && runes[start-1] != ' ' {
		start++
	}
	for end < len(runes) && end > start && runes[end-1] != ' ' {
		end--
	}
	out := strings.TrimSpace(string(runes[start:end]))
	if start > 0 {
		out = "…" + out
	}
	if end < len(runes) {
		out += "…"
	}
	return out
}
