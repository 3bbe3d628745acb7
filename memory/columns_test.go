package memory_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// plainColumns lists every column of the schema that is stored in the
// clear, with the reason it may be. A column that is neither here nor
// sealed fails TestSealedColumnsCovered: a new table must decide.
func plainColumns() map[string]string {
	const id = "row id: a counter, carries no content"
	return map[string]string{
		"meta.name":                "fixed names (store_id, key_id)",
		"meta.value":               "random store id and key id",
		"keyslots.kind":            "slot kind (passphrase, recovery, keyring)",
		"keyslots.slot":            "wrapped data key: authenticated by its own format (TestTamperDetected key slot cases)",
		"conversations.id":         id,
		"messages.id":              id,
		"messages.conversation_id": "tree structure, a row id",
		"messages.parent_id":       "tree structure, a row id",
		"memories.id":              id,
		"memories.rev":             "edit counter",
		"settings.id":              id,
		"settings.name_tag":        "HMAC blind index of the name under a key derived from the data key",
		"index_log.seq":            "log sequence number",
		"index_log.doc":            "index document id such as m12, a row id",
		"index_log.op":             "put or delete",
		"index_segments.id":        "segment key, a counter",
		"index_state.id":           "always 1",
		"documents.id":             id,
		"chunks.id":                id,
		"chunks.document_id":       "a row id",
		"doc_sources.id":           id,
		"doc_sources.path_tag":     "HMAC blind index of the folder's path under a key derived from the data key",
		"doc_files.id":             id,
		"doc_files.source_id":      "a row id",
		"doc_files.path_tag":       "HMAC blind index of the file's path under a key derived from the data key",
		"doc_files.document_id":    "a row id",
		"chunk_vectors.id":         id,
		"chunk_vectors.chunk_id":   "a row id",
		"chunk_vectors.model_tag":  "HMAC blind index of the model's name and dimension under a key derived from the data key",
	}
}

// tamperCase is how a reader must meet a damaged value of one sealed
// column: the error it wraps (nil: the store recovers, as from a
// damaged index snapshot that it rebuilds) and the text naming the row.
type tamperCase struct {
	want  error
	names string
}

// tamperCases has one entry per sealed column; TestSealedColumnsCovered
// fails when a sealed column has none.
func tamperCases() map[string]tamperCase {
	return map[string]tamperCase{
		"conversations.meta":  {memory.ErrTampered, "conversations row"},
		"messages.body":       {memory.ErrTampered, "messages row"},
		"memories.body":       {memory.ErrTampered, "memories row"},
		"settings.value":      {memory.ErrTampered, "settings row"},
		"documents.body":      {memory.ErrTampered, "documents row"},
		"chunks.body":         {memory.ErrTampered, "chunks row"},
		"doc_sources.body":    {memory.ErrTampered, "doc_sources row"},
		"doc_files.body":      {memory.ErrTampered, "doc_files row"},
		"index_segments.data": {nil, "index_segments row"},
		"index_state.state":   {nil, "index_state row"},
		"chunk_vectors.body":  {memory.ErrTampered, "chunk_vectors row"},
	}
}

// schemaColumns returns the declared type of every column of every
// table in db, keyed "table.column", read from sqlite_master and
// PRAGMA table_info.
func schemaColumns(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
	must(t, err)
	var tables []string
	for rows.Next() {
		var name string
		must(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	must(t, rows.Err())
	rows.Close()
	cols := map[string]string{}
	for _, table := range tables {
		rows, err := db.Query("SELECT name, type FROM pragma_table_info(?)", table)
		must(t, err)
		for rows.Next() {
			var name, typ string
			must(t, rows.Scan(&name, &typ))
			cols[table+"."+name] = strings.ToUpper(typ)
		}
		must(t, rows.Err())
		rows.Close()
	}
	return cols
}

// requireEveryBlobFilled fails unless every BLOB column of the store in
// dir holds a non-empty value in some row.
func requireEveryBlobFilled(t *testing.T, dir string) {
	t.Helper()
	db := rawDB(t, dir)
	defer db.Close()
	for col, typ := range schemaColumns(t, db) {
		if typ != "BLOB" {
			continue
		}
		table, name, _ := strings.Cut(col, ".")
		var n int
		must(t, db.QueryRow(fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE length(%s) > 0", table, name)).Scan(&n))
		if n == 0 {
			t.Errorf("fillEvery leaves %s empty: the canary and tamper tests do not cover it", col)
		}
	}
}

// TestSealedColumnsCovered lists the schema of a new store and fails when
// a column is neither sealed nor listed as plaintext, when a sealed
// column has no tamper case, or when fillEvery (the plaintext-canary
// fill) leaves a BLOB column empty.
func TestSealedColumnsCovered(t *testing.T) {
	s, dir, _ := newStore(t)
	fillEvery(t, s)
	must(t, s.Close())
	db := rawDB(t, dir)
	cols := schemaColumns(t, db)
	must(t, db.Close())
	sealed, plain, cases := memory.SealedColumns(), plainColumns(), tamperCases()
	for col, typ := range cols {
		switch {
		case slices.Contains(sealed, col):
			if typ != "BLOB" {
				t.Errorf("sealed column %s is %s, want BLOB", col, typ)
			}
			if _, ok := cases[col]; !ok {
				t.Errorf("sealed column %s has no tamper case in tamperCases", col)
			}
		case plain[col] == "":
			t.Errorf("column %s is neither sealed (memory/columns.go) nor listed in plainColumns with a reason", col)
		}
	}
	for _, col := range sealed {
		if _, ok := cols[col]; !ok {
			t.Errorf("sealed column %s is not in the schema", col)
		}
	}
	for col := range plain {
		if _, ok := cols[col]; !ok {
			t.Errorf("plainColumns lists %s, which is not in the schema", col)
		}
	}
	requireEveryBlobFilled(t, dir)
}

// TestTamperEverySealedColumn damages every value of one sealed column
// at a time and reads the whole store back.
func TestTamperEverySealedColumn(t *testing.T) {
	for col, tc := range tamperCases() {
		t.Run(col, func(t *testing.T) {
			s, dir, _ := newStore(t)
			fillEvery(t, s)
			must(t, s.Close())
			db := rawDB(t, dir)
			flipColumn(t, db, col)
			must(t, db.Close())
			var logs logBuffer
			err := readAll(dir, &logs)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("the store did not recover: %v", err)
				}
				if !strings.Contains(logs.String(), "snapshot unusable") || !strings.Contains(logs.String(), tc.names) {
					t.Fatalf("no rebuild naming %q was logged:\n%s", tc.names, logs.String())
				}
				return
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.names) {
				t.Fatalf("error = %v, want %v naming %q", err, tc.want, tc.names)
			}
		})
	}
}

// flipColumn flips one bit in the middle of every value of col.
func flipColumn(t *testing.T, db *sql.DB, col string) {
	t.Helper()
	table, name, _ := strings.Cut(col, ".")
	rows, err := db.Query(fmt.Sprintf("SELECT id FROM %s", table))
	must(t, err)
	var ids []int64
	for rows.Next() {
		var id int64
		must(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) == 0 {
		t.Fatalf("%s has no rows to damage", table)
	}
	for _, id := range ids {
		flipAt(t, db, table, name, id, func(n int) int { return n / 2 })
	}
}

// readAll opens the store in dir, reads every sealed value through the
// API and searches the index; it returns the first error.
func readAll(dir string, logs *logBuffer) error {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts(memory.WithLogger(log))...)
	if err != nil {
		return err
	}
	defer s.Close()
	convs, err := s.Conversations(ctx)
	if err != nil {
		return err
	}
	for _, c := range convs {
		if _, err := s.Messages(ctx, c.ID); err != nil {
			return err
		}
	}
	if _, err := s.Memories(ctx); err != nil {
		return err
	}
	if _, err := s.Setting(ctx, "setting"+canary); err != nil {
		return err
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if _, err := s.Chunks(ctx, d.ID); err != nil {
			return err
		}
	}
	srcs, err := s.Sources(ctx)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		if _, err := s.FileStates(ctx, src.ID); err != nil {
			return err
		}
	}
	if _, err := s.SearchDocuments(ctx, canary, 5); err != nil {
		return err
	}
	if _, err := s.LoadVectors(ctx, canaryModel); err != nil {
		return err
	}
	hits, err := s.Search(ctx, canary, 5)
	if err == nil && len(hits) != 2 {
		err = fmt.Errorf("search found %d, want the message and the memory", len(hits))
	}
	return err
}
