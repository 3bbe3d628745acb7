package memory_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/hkdf"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/internal/keys"
	"github.com/hearth-app/hearth/memory/internal/seal"
)

// sealedRecords returns every sealed value in the store's database by
// place. The sealed columns are found from the schema (every BLOB column
// but the key slots, the metadata and the settings' blind index), not
// from the store's own list, so a sealed column the rotation forgets
// shows up here.
func sealedRecords(t *testing.T, db *sql.DB) map[seal.Place][]byte {
	t.Helper()
	clear := map[string]bool{"keyslots.slot": true, "meta.value": true, "settings.name_tag": true, "chunk_vectors.model_tag": true}
	out := map[seal.Place][]byte{}
	for _, col := range blobColumns(t, db) {
		if clear[col[0]+"."+col[1]] {
			continue
		}
		rows, err := db.Query(fmt.Sprintf("SELECT id, %s FROM %s", col[1], col[0]))
		must(t, err)
		for rows.Next() {
			var id int64
			var rec []byte
			must(t, rows.Scan(&id, &rec))
			out[seal.Place{Table: col[0], Row: id, Column: col[1]}] = rec
		}
		must(t, rows.Err())
		rows.Close()
	}
	return out
}

// blobColumns lists (table, column) for every BLOB column of the schema.
func blobColumns(t *testing.T, db *sql.DB) [][2]string {
	t.Helper()
	rows, err := db.Query("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.type = 'BLOB'")
	must(t, err)
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var c [2]string
		must(t, rows.Scan(&c[0], &c[1]))
		out = append(out, c)
	}
	return out
}

// sealKeyOf derives the row-sealing key from a data key as the store does
// (HKDF-SHA256, "hearth seal v1"); the test checks the derivation against
// the old records before relying on it.
func sealKeyOf(t *testing.T, dek []byte, id uint32) *seal.Key {
	t.Helper()
	k := make([]byte, 32)
	_, err := io.ReadFull(hkdf.New(sha256.New, dek, nil, []byte("hearth seal v1")), k)
	must(t, err)
	key, err := seal.NewKey(id, k)
	must(t, err)
	return key
}

// fillAll writes a row in every table that holds sealed values and saves
// the index snapshot.
func fillAll(t *testing.T, s *memory.Store) {
	t.Helper()
	ctx := context.Background()
	fillFrozen(t, s)
	d, err := s.AddDocument(ctx, "/home/u/rotation.pdf")
	must(t, err)
	c, err := s.AddChunk(ctx, d.ID, "a chunk about moraines")
	must(t, err)
	must(t, s.PutVectors(ctx, testEmbed, []memory.ChunkVector{{ChunkID: c, Vector: []float32{1, 0, 0}}}))
	must(t, s.SaveIndex(ctx))
}

func TestRotateKey(t *testing.T) {
	ctx := context.Background()
	var logs logBuffer
	s, dir, oldRK := newStore(t, memory.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	fillAll(t, s)
	var oldBackup bytes.Buffer
	must(t, s.Backup(ctx, &oldBackup))
	db := rawDB(t, dir)
	before := sealedRecords(t, db)
	oldSlot := blob(t, db, "SELECT slot FROM keyslots WHERE kind = 1")
	oldTag := blob(t, db, "SELECT name_tag FROM settings")
	must(t, db.Close())
	for _, table := range []string{"conversations", "messages", "memories", "settings", "documents", "chunks", "chunk_vectors", "index_segments", "index_state"} {
		found := false
		for p := range before {
			found = found || p.Table == table
		}
		if !found {
			t.Fatalf("no sealed %s row before the rotation: the test covers less than it claims", table)
		}
	}

	kr := &fakeKeyring{m: map[string]string{}}
	must(t, s.EnableKeyring(ctx, memory.Passphrase(pass), kr))
	if _, err := s.RotateKey(ctx, memory.Passphrase("wrong"), pass); !errors.Is(err, memory.ErrWrongPassphrase) {
		t.Fatalf("RotateKey with a wrong passphrase: %v", err)
	}
	newRK, err := s.RotateKey(ctx, memory.Passphrase(pass), pass)
	must(t, err)
	if newRK == oldRK || newRK == "" {
		t.Fatalf("recovery key after rotation: %q", newRK)
	}

	t.Run("no old ciphertext in any file, WAL included", func(t *testing.T) {
		for p, rec := range before {
			scanFor(t, rec[5:40], dir) // nonce and start of the ciphertext
			if t.Failed() {
				t.Fatalf("old %v still on disk", p)
			}
		}
		scanFor(t, oldTag, dir)
	})

	t.Run("the old data key opens nothing", func(t *testing.T) {
		slot, err := keys.ParseSlot(oldSlot)
		must(t, err)
		oldDEK, err := slot.OpenPassphrase(pass, cheap)
		must(t, err)
		oldKey := sealKeyOf(t, oldDEK, slot.KeyID)
		for p, rec := range before {
			if _, err := oldKey.Open(p, rec); err != nil {
				t.Fatalf("the test's key derivation is wrong: old %v: %v", p, err)
			}
		}
		db := rawDB(t, dir)
		after := sealedRecords(t, db)
		must(t, db.Close())
		if len(after) < len(before) {
			t.Fatalf("%d sealed values after the rotation, %d before", len(after), len(before))
		}
		for p, rec := range after {
			h, _, err := seal.Parse(rec)
			must(t, err)
			if h.KeyID == slot.KeyID {
				t.Fatalf("%v still names the old key id", p)
			}
			// Under the record's own key id, so only the key material decides.
			if _, err := sealKeyOf(t, oldDEK, h.KeyID).Open(p, rec); !errors.Is(err, seal.ErrUnauthenticated) {
				t.Fatalf("old data key on new %v: %v", p, err)
			}
		}
	})

	t.Run("everything reads, now and after reopening", func(t *testing.T) {
		checkRotated(t, s)
		must(t, s.Close())
		logs.b.Reset()
		s = reopen(t, dir, memory.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
		defer s.Close()
		if !strings.Contains(logs.String(), "rebuilt=false") {
			t.Errorf("the re-sealed index snapshot was not used:\n%s", logs.String())
		}
		checkRotated(t, s)
	})

	t.Run("recovery keys", func(t *testing.T) {
		if _, err := memory.Open(ctx, dir, memory.RecoveryKey(oldRK), testOpts()...); !errors.Is(err, memory.ErrWrongPassphrase) {
			t.Fatalf("old recovery key: %v", err)
		}
		s, err := memory.Open(ctx, dir, memory.RecoveryKey(newRK), testOpts()...)
		must(t, err)
		must(t, s.Close())
	})

	t.Run("the keyring slot is gone: enable it again", func(t *testing.T) {
		var notice string
		if _, err := memory.Open(ctx, dir, memory.Keyring(kr, nil, func(m string) { notice = m }), testOpts()...); err == nil || notice == "" {
			t.Fatalf("keyring unlock after rotation: %v, notice %q", err, notice)
		}
	})

	t.Run("a backup from before still opens with the secrets of its time", func(t *testing.T) {
		r, err := memory.Restore(ctx, bytes.NewReader(oldBackup.Bytes()), filepath.Join(t.TempDir(), "old"), memory.RecoveryKey(oldRK), testOpts()...)
		must(t, err)
		defer r.Close()
		checkFrozen(t, r)
	})
}

// checkRotated reads everything fillAll wrote.
func checkRotated(t *testing.T, s *memory.Store) {
	t.Helper()
	ctx := context.Background()
	hits, err := s.Search(ctx, "moraines glacier", 10)
	must(t, err)
	if len(hits) != 3 {
		t.Fatalf("search = %+v", hits)
	}
	for _, h := range hits {
		if h.Kind == memory.KindMessage {
			if _, err := s.Message(ctx, h.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	chunks, err := s.Chunks(ctx, 1)
	if err != nil || len(chunks) != 1 || chunks[0] != "a chunk about moraines" {
		t.Fatalf("chunks = %q, %v", chunks, err)
	}
	if n, err := s.LoadVectors(ctx, testEmbed); err != nil || n != 1 {
		t.Fatalf("vectors found by their model after the rotation: %d, %v (the model tag must be recomputed)", n, err)
	}
	checkFrozen(t, s)
}
