package memory

import (
	"context"
)

// Document is a file of the user's document library. Its path and every
// chunk of its text are sealed. (Ingestion and retrieval of documents
// come with the document library; the tables exist from schema v2.)
type Document struct {
	ID   int64  `json:"id"`
	Path string `json:"path"`
}

type docBody struct {
	Path string `json:"p"`
}

// chunkBody is the sealed body of a chunk: its text and where in the
// document it came from (the places are empty in chunks from schema v2).
type chunkBody struct {
	Text    string `json:"t"`
	Page    int    `json:"p,omitempty"`
	Heading string `json:"h,omitempty"`
	Start   int    `json:"s,omitempty"`
	End     int    `json:"e,omitempty"`
}

// AddDocument records a document by path.
func (s *Store) AddDocument(ctx context.Context, path string) (Document, error) {
	var d Document
	err := s.write(ctx, "add document", func(w *writeTx) error {
		id, err := insertSealed(ctx, w.tx, w.key, colDocumentBody, docBody{Path: path}, "INSERT INTO documents(body) VALUES(x'')")
		d = Document{ID: id, Path: path}
		return err
	})
	return d, err
}

// Documents lists every document, oldest first.
func (s *Store) Documents(ctx context.Context) ([]Document, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, body FROM documents ORDER BY id")
	if err != nil {
		return nil, dbError("list documents", err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		var d Document
		var rec []byte
		if err := rows.Scan(&d.ID, &rec); err != nil {
			return nil, dbError("list documents", err)
		}
		var b docBody
		if err := openJSON(key, colDocumentBody, d.ID, rec, &b); err != nil {
			return nil, err
		}
		d.Path = b.Path
		out = append(out, d)
	}
	return out, dbError("list documents", rows.Err())
}

// AddChunk stores one chunk of a document's text.
func (s *Store) AddChunk(ctx context.Context, doc int64, text string) (int64, error) {
	var id int64
	err := s.write(ctx, "add chunk", func(w *writeTx) error {
		var err error
		id, err = w.addChunk(ctx, doc, chunkBody{Text: text})
		return err
	})
	return id, err
}

// Chunks returns the text chunks of a document in order.
func (s *Store) Chunks(ctx context.Context, doc int64) ([]string, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, body FROM chunks WHERE document_id = ? ORDER BY id", doc)
	if err != nil {
		return nil, dbError("list chunks", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id int64
		var rec []byte
		if err := rows.Scan(&id, &rec); err != nil {
			return nil, dbError("list chunks", err)
		}
		c, err := openChunk(key, id, rec)
		if err != nil {
			return nil, err
		}
		out = append(out, c.Text)
	}
	return out, dbError("list chunks", rows.Err())
}

// DeleteDocument deletes a document and its chunks.
func (s *Store) DeleteDocument(ctx context.Context, doc int64) error {
	err := s.write(ctx, "delete document", func(w *writeTx) error { return w.deleteDocument(ctx, doc) })
	if err != nil {
		return err
	}
	return s.scrubWAL(ctx)
}
