package memory

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations returns the schema steps: step i moves the schema from
// version i to i+1. They are forward-only and never edited once
// released: a frozen store of every version lives in testdata/vN and
// must keep opening (freeze a new one with
// `go test ./memory -run TestFreezeSchema -freeze`).
func migrations() []string {
	return []string{
		// v1: keys, conversations as message trees, memories, settings and
		// the sealed index snapshot.
		`CREATE TABLE meta(name TEXT PRIMARY KEY, value BLOB NOT NULL);
	CREATE TABLE keyslots(kind INTEGER PRIMARY KEY, slot BLOB NOT NULL);
	CREATE TABLE conversations(id INTEGER PRIMARY KEY AUTOINCREMENT, meta BLOB NOT NULL);
	CREATE TABLE messages(
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
		parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
		body BLOB NOT NULL);
	CREATE INDEX messages_conversation ON messages(conversation_id);
	CREATE INDEX messages_parent ON messages(parent_id);
	CREATE TABLE memories(id INTEGER PRIMARY KEY AUTOINCREMENT, rev INTEGER NOT NULL, body BLOB NOT NULL);
	CREATE TABLE settings(id INTEGER PRIMARY KEY AUTOINCREMENT, name_tag BLOB NOT NULL UNIQUE, value BLOB NOT NULL);
	CREATE TABLE index_log(seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, op INTEGER NOT NULL);
	CREATE TABLE index_segments(id INTEGER PRIMARY KEY, data BLOB NOT NULL);
	CREATE TABLE index_state(id INTEGER PRIMARY KEY CHECK (id = 1), state BLOB NOT NULL);`,
		// v2: documents and their chunks, for the document library.
		`CREATE TABLE documents(id INTEGER PRIMARY KEY AUTOINCREMENT, body BLOB NOT NULL);
	CREATE TABLE chunks(
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
		body BLOB NOT NULL);
	CREATE INDEX chunks_document ON chunks(document_id);`,
		// v3: the document library's sources (folders the user added) and
		// the state of each file under them, found by a keyed tag of the
		// path, never the path itself.
		`CREATE TABLE doc_sources(id INTEGER PRIMARY KEY AUTOINCREMENT, path_tag BLOB NOT NULL UNIQUE, body BLOB NOT NULL);
	CREATE TABLE doc_files(
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		source_id INTEGER NOT NULL REFERENCES doc_sources(id) ON DELETE CASCADE,
		path_tag BLOB NOT NULL UNIQUE,
		document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
		body BLOB NOT NULL);
	CREATE INDEX doc_files_source ON doc_files(source_id);
	CREATE INDEX doc_files_document ON doc_files(document_id);`,
		// v4: one vector per chunk for semantic retrieval, sealed (its
		// int8 codes, scale and model), found by a keyed tag of the model
		// (name and dimension), so a model change re-embeds.
		`CREATE TABLE chunk_vectors(
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		chunk_id INTEGER NOT NULL UNIQUE REFERENCES chunks(id) ON DELETE CASCADE,
		model_tag BLOB NOT NULL,
		body BLOB NOT NULL);
	CREATE INDEX chunk_vectors_model ON chunk_vectors(model_tag);`,
	}
}

// SchemaVersion is the schema version this code writes.
const SchemaVersion = 4

// schemaVersion reads PRAGMA user_version.
func schemaVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, dbError("read schema version", err)
	}
	return v, nil
}

// migrate applies every migration after version from up to target, each
// in its own transaction together with the version bump.
func migrate(ctx context.Context, db *sql.DB, from, target int) error {
	steps := migrations()
	for v := from; v < target; v++ {
		err := inTx(ctx, db, fmt.Sprintf("migrate to v%d", v+1), func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, steps[v]); err != nil {
				return dbError(fmt.Sprintf("migrate to v%d", v+1), err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return dbError(fmt.Sprintf("migrate to v%d", v+1), err)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
