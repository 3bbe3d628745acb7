package memory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/memory/ingest"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// FileState is what the library knows of one file under a source: what
// it looked like when last read (size, modification time, content hash)
// and what became of it. Everything but the ids is sealed.
type FileState struct {
	ID       int64 `json:"id"`
	SourceID int64 `json:"source_id"`
	// Path is the file's absolute path.
	Path string `json:"path"`
	Size int64  `json:"size"`
	// ModTime is the modification time in Unix nanoseconds.
	ModTime int64 `json:"mtime"`
	// Hash is the hex SHA-256 of the content that was read.
	Hash   string        `json:"hash,omitempty"`
	Status ingest.Status `json:"status"`
	Reason string        `json:"reason,omitempty"`
	// DocumentID is the file's document, 0 when it has no text.
	DocumentID int64 `json:"document_id,omitempty"`
	// Chunks is how many chunks the document holds.
	Chunks int `json:"chunks"`
}

type fileBody struct {
	Path    string        `json:"p"`
	Size    int64         `json:"z"`
	ModTime int64         `json:"m"`
	Hash    string        `json:"h,omitempty"`
	Status  ingest.Status `json:"s"`
	Reason  string        `json:"r,omitempty"`
	Chunks  int           `json:"c,omitempty"`
}

func (f FileState) body() fileBody {
	return fileBody{Path: f.Path, Size: f.Size, ModTime: f.ModTime, Hash: f.Hash, Status: f.Status, Reason: f.Reason, Chunks: f.Chunks}
}

// FileStates lists the state of every file under source, in no
// particular order.
func (s *Store) FileStates(ctx context.Context, source int64) ([]FileState, error) {
	key, err := s.unlockedKey()
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, source_id, document_id, body FROM doc_files WHERE source_id = ?", source)
	if err != nil {
		return nil, dbError("list files", err)
	}
	defer rows.Close()
	var out []FileState
	for rows.Next() {
		f, err := scanFile(rows, key)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, dbError("list files", rows.Err())
}

func scanFile(row scanner, key *seal.Key) (FileState, error) {
	var f FileState
	var doc sql.NullInt64
	var rec []byte
	if err := row.Scan(&f.ID, &f.SourceID, &doc, &rec); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return FileState{}, fmt.Errorf("file: %w", ErrNotFound)
		}
		return FileState{}, dbError("read file", err)
	}
	var b fileBody
	if err := openJSON(key, colFileBody, f.ID, rec, &b); err != nil {
		return FileState{}, err
	}
	f.DocumentID = doc.Int64
	f.Path, f.Size, f.ModTime, f.Hash, f.Status, f.Reason, f.Chunks = b.Path, b.Size, b.ModTime, b.Hash, b.Status, b.Reason, b.Chunks
	return f, nil
}

// FilePut is one file's new state and chunks, for PutFiles.
type FilePut struct {
	State  FileState
	Chunks []ingest.Chunk
}

// PutFile records a file's new state and replaces its chunks, all in one
// transaction: a crash leaves either the old file or the new one, never
// half of it. st.SourceID and st.Path say which file; chunks may be
// empty (a file skipped, failed or without text). It returns the state
// as stored, with its ids.
func (s *Store) PutFile(ctx context.Context, st FileState, chunks []ingest.Chunk) (FileState, error) {
	out, err := s.PutFiles(ctx, []FilePut{{State: st, Chunks: chunks}})
	if err != nil {
		return FileState{}, err
	}
	return out[0], nil
}

// PutFiles is PutFile for several files in one transaction (and one
// index batch): all of them are recorded, or none.
func (s *Store) PutFiles(ctx context.Context, puts []FilePut) ([]FileState, error) {
	tags := make([][]byte, len(puts))
	for i, p := range puts {
		var err error
		if tags[i], err = s.pathTag("file", p.State.Path); err != nil {
			return nil, err
		}
	}
	out := make([]FileState, len(puts))
	err := s.write(ctx, "put file", func(w *writeTx) error {
		for i, p := range puts {
			st, err := w.putFile(ctx, tags[i], p.State, p.Chunks)
			if err != nil {
				return err
			}
			out[i] = st
		}
		return nil
	})
	return out, err
}

func (w *writeTx) putFile(ctx context.Context, tag []byte, st FileState, chunks []ingest.Chunk) (FileState, error) {
	old, err := w.fileByTag(ctx, tag)
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return st, err
	case old.DocumentID != 0:
		if err := w.deleteDocument(ctx, old.DocumentID); err != nil {
			return st, err
		}
	}
	st.DocumentID, st.Chunks = 0, len(chunks)
	if len(chunks) > 0 {
		if st.DocumentID, err = w.addDocument(ctx, st.Path, chunks); err != nil {
			return st, err
		}
	}
	st.ID, err = w.putFileRow(ctx, old.ID, tag, st)
	return st, err
}

// addDocument inserts a document at path with its chunks, indexed.
func (w *writeTx) addDocument(ctx context.Context, path string, chunks []ingest.Chunk) (int64, error) {
	doc, err := insertSealed(ctx, w.tx, w.key, colDocumentBody, docBody{Path: path}, "INSERT INTO documents(body) VALUES(x'')")
	if err != nil {
		return 0, err
	}
	for _, c := range chunks {
		b := chunkBody{Text: c.Text, Page: c.Page, Heading: c.Heading, Start: c.Start, End: c.End}
		if _, err := w.addChunk(ctx, doc, b); err != nil {
			return 0, err
		}
	}
	return doc, nil
}

// putFileRow writes the row of st: a new one when id is 0. A nil tag
// keeps the row's path tag.
func (w *writeTx) putFileRow(ctx context.Context, id int64, tag []byte, st FileState) (int64, error) {
	doc := sql.NullInt64{Int64: st.DocumentID, Valid: st.DocumentID != 0}
	if id == 0 {
		return insertSealed(ctx, w.tx, w.key, colFileBody, st.body(),
			"INSERT INTO doc_files(source_id, path_tag, document_id, body) VALUES(?, ?, ?, x'')", st.SourceID, tag, doc)
	}
	var tagArg any // NULL keeps the tag
	if tag != nil {
		tagArg = tag
	}
	if _, err := w.tx.ExecContext(ctx, "UPDATE doc_files SET source_id = ?, path_tag = COALESCE(?, path_tag), document_id = ? WHERE id = ?",
		st.SourceID, tagArg, doc, id); err != nil {
		return 0, dbError("update file", err)
	}
	return id, updateSealed(ctx, w.tx, w.key, colFileBody, id, st.body())
}

func (w *writeTx) fileByTag(ctx context.Context, tag []byte) (FileState, error) {
	return scanFile(w.tx.QueryRowContext(ctx, "SELECT id, source_id, document_id, body FROM doc_files WHERE path_tag = ?", tag), w.key)
}

func (w *writeTx) fileByID(ctx context.Context, id int64) (FileState, error) {
	return scanFile(w.tx.QueryRowContext(ctx, "SELECT id, source_id, document_id, body FROM doc_files WHERE id = ?", id), w.key)
}

// MoveFile gives file id a new path, size and modification time (from
// to), keeping its content hash, status, document and chunks: a moved or
// merely touched file is neither read nor indexed again. A file already
// recorded at the new path is replaced.
func (s *Store) MoveFile(ctx context.Context, id int64, to FileState) (FileState, error) {
	tag, err := s.pathTag("file", to.Path)
	if err != nil {
		return FileState{}, err
	}
	var out FileState
	err = s.write(ctx, "move file", func(w *writeTx) error {
		f, err := w.fileByID(ctx, id)
		if err != nil {
			return err
		}
		if err := w.dropOtherAt(ctx, tag, id); err != nil {
			return err
		}
		f.Path, f.Size, f.ModTime = to.Path, to.Size, to.ModTime
		if f.DocumentID != 0 {
			if err := updateSealed(ctx, w.tx, w.key, colDocumentBody, f.DocumentID, docBody{Path: f.Path}); err != nil {
				return err
			}
		}
		out = f
		_, err = w.putFileRow(ctx, id, tag, f)
		return err
	})
	return out, err
}

// dropOtherAt removes the file recorded under tag unless it is file keep.
func (w *writeTx) dropOtherAt(ctx context.Context, tag []byte, keep int64) error {
	other, err := w.fileByTag(ctx, tag)
	if errors.Is(err, ErrNotFound) || (err == nil && other.ID == keep) {
		return nil
	}
	if err != nil {
		return err
	}
	return w.removeFile(ctx, other)
}

// RemoveFile forgets file id with its document and chunks.
func (s *Store) RemoveFile(ctx context.Context, id int64) error {
	return s.write(ctx, "remove file", func(w *writeTx) error {
		f, err := w.fileByID(ctx, id)
		if err != nil {
			return err
		}
		return w.removeFile(ctx, f)
	})
}

func (w *writeTx) removeFile(ctx context.Context, f FileState) error {
	if f.DocumentID != 0 {
		if err := w.deleteDocument(ctx, f.DocumentID); err != nil {
			return err
		}
	}
	_, err := w.tx.ExecContext(ctx, "DELETE FROM doc_files WHERE id = ?", f.ID)
	return dbError("remove file", err)
}

// AppendChunks adds chunks to the document of file id, creating the
// document if the file has none yet, in one transaction. With PutFile
// (recording the file as not finished) and FinishFile it lets a large
// file be committed in parts, with bounded memory: a run interrupted
// between the parts leaves the file marked unfinished, and the next run
// reads it again from the start, replacing the parts.
func (s *Store) AppendChunks(ctx context.Context, id int64, chunks []ingest.Chunk) error {
	return s.write(ctx, "append chunks", func(w *writeTx) error {
		f, err := w.fileByID(ctx, id)
		if err != nil {
			return err
		}
		if f.DocumentID == 0 {
			if f.DocumentID, err = w.addDocument(ctx, f.Path, chunks); err != nil {
				return err
			}
		} else {
			for _, c := range chunks {
				b := chunkBody{Text: c.Text, Page: c.Page, Heading: c.Heading, Start: c.Start, End: c.End}
				if _, err := w.addChunk(ctx, f.DocumentID, b); err != nil {
					return err
				}
			}
		}
		f.Chunks += len(chunks)
		_, err = w.putFileRow(ctx, id, nil, f)
		return err
	})
}

// FinishFile records the final state of a file committed in parts
// (size, modification time, hash, status, reason), keeping its document
// and chunks.
func (s *Store) FinishFile(ctx context.Context, id int64, st FileState) (FileState, error) {
	var out FileState
	err := s.write(ctx, "finish file", func(w *writeTx) error {
		f, err := w.fileByID(ctx, id)
		if err != nil {
			return err
		}
		f.Size, f.ModTime, f.Hash, f.Status, f.Reason = st.Size, st.ModTime, st.Hash, st.Status, st.Reason
		out = f
		_, err = w.putFileRow(ctx, id, nil, f)
		return err
	})
	return out, err
}
