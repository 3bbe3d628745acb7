package memory_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/hearth-app/hearth/memory"
)

// rawDB opens the store's database file directly, as an attacker would.
func rawDB(t *testing.T, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "hearth.db"))
	must(t, err)
	db.SetMaxOpenConns(1)
	return db
}

func execSQL(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func blob(t *testing.T, db *sql.DB, q string, args ...any) []byte {
	t.Helper()
	var b []byte
	must(t, db.QueryRow(q, args...).Scan(&b))
	return b
}

// seeded makes a closed store with two conversations, messages and
// memories, and returns its directory and the ids.
type seededIDs struct{ conv1, conv2, msg1, msg2, mem1, mem2 int64 }

func seeded(t *testing.T) (string, seededIDs) {
	t.Helper()
	ctx := context.Background()
	s, dir, _ := newStore(t, memory.WithoutIndexSnapshot())
	var ids seededIDs
	c1, err := s.CreateConversation(ctx, "first")
	must(t, err)
	c2, err := s.CreateConversation(ctx, "second")
	must(t, err)
	m1, err := s.AddMessage(ctx, c1.ID, 0, memory.Message{Role: "user", Text: "message one"})
	must(t, err)
	m2, err := s.AddMessage(ctx, c2.ID, 0, memory.Message{Role: "user", Text: "message two"})
	must(t, err)
	r1, err := s.AddMemory(ctx, "memory one", memory.Source{})
	must(t, err)
	r2, err := s.AddMemory(ctx, "memory two", memory.Source{})
	must(t, err)
	ids = seededIDs{c1.ID, c2.ID, m1.ID, m2.ID, r1.ID, r2.ID}
	must(t, s.Close())
	return dir, ids
}

func flipAt(t *testing.T, db *sql.DB, table, col string, id int64, pos func(n int) int) {
	t.Helper()
	b := blob(t, db, "SELECT "+col+" FROM "+table+" WHERE id = ?", id)
	b[pos(len(b))] ^= 0x40
	execSQL(t, db, "UPDATE "+table+" SET "+col+" = ? WHERE id = ?", b, id)
}

func TestTamperDetected(t *testing.T) {
	for _, tc := range []struct {
		name   string
		attack func(t *testing.T, db *sql.DB, ids seededIDs)
		want   error
		names  string // the error must name what failed
	}{
		{"message nonce flipped", func(t *testing.T, db *sql.DB, ids seededIDs) {
			flipAt(t, db, "messages", "body", ids.msg1, func(int) int { return 10 })
		}, memory.ErrTampered, "messages row"},
		{"message body flipped", func(t *testing.T, db *sql.DB, ids seededIDs) {
			flipAt(t, db, "messages", "body", ids.msg1, func(int) int { return 40 })
		}, memory.ErrTampered, "messages row"},
		{"message tag flipped", func(t *testing.T, db *sql.DB, ids seededIDs) {
			flipAt(t, db, "messages", "body", ids.msg1, func(n int) int { return n - 1 })
		}, memory.ErrTampered, "messages row"},
		{"messages swapped between rows", func(t *testing.T, db *sql.DB, ids seededIDs) {
			a := blob(t, db, "SELECT body FROM messages WHERE id = ?", ids.msg1)
			b := blob(t, db, "SELECT body FROM messages WHERE id = ?", ids.msg2)
			execSQL(t, db, "UPDATE messages SET body = ? WHERE id = ?", b, ids.msg1)
			execSQL(t, db, "UPDATE messages SET body = ? WHERE id = ?", a, ids.msg2)
		}, memory.ErrTampered, "messages row"},
		{"conversation title moved into a message (columns)", func(t *testing.T, db *sql.DB, ids seededIDs) {
			execSQL(t, db, "UPDATE messages SET body = (SELECT meta FROM conversations WHERE id = ?) WHERE id = ?", ids.conv1, ids.msg1)
		}, memory.ErrTampered, "column body"},
		{"memory moved into messages (tables)", func(t *testing.T, db *sql.DB, ids seededIDs) {
			execSQL(t, db, "UPDATE messages SET body = (SELECT body FROM memories WHERE id = ?) WHERE id = ?", ids.mem1, ids.msg1)
		}, memory.ErrTampered, "messages row"},
		{"memories swapped between rows", func(t *testing.T, db *sql.DB, ids seededIDs) {
			a := blob(t, db, "SELECT body FROM memories WHERE id = ?", ids.mem1)
			execSQL(t, db, "UPDATE memories SET body = ? WHERE id = ?", a, ids.mem2)
		}, memory.ErrTampered, "memories row"},
		{"KDF parameters downgraded below the floor", func(t *testing.T, db *sql.DB, ids seededIDs) {
			b := blob(t, db, "SELECT slot FROM keyslots WHERE kind = 1")
			b[33] = 8 // memory KiB 64 -> 8 (layout in keys tests)
			execSQL(t, db, "UPDATE keyslots SET slot = ? WHERE kind = 1", b)
		}, memory.ErrWeakKDF, "below the floor"},
		{"KDF parameters changed above the floor", func(t *testing.T, db *sql.DB, ids seededIDs) {
			b := blob(t, db, "SELECT slot FROM keyslots WHERE kind = 1")
			b[29] = 2 // time 1 -> 2
			execSQL(t, db, "UPDATE keyslots SET slot = ? WHERE kind = 1", b)
		}, memory.ErrWrongPassphrase, "passphrase slot"},
		{"key slot garbled", func(t *testing.T, db *sql.DB, ids seededIDs) {
			execSQL(t, db, "UPDATE keyslots SET slot = x'00' WHERE kind = 1")
		}, memory.ErrTampered, "key slot"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, ids := seeded(t)
			db := rawDB(t, dir)
			tc.attack(t, db, ids)
			must(t, db.Close())
			err := readEverything(t, dir)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.names) {
				t.Fatalf("error %q does not name %q", err, tc.names)
			}
		})
	}
}

// readEverything opens the store and reads every record; it returns the
// first error. No plaintext may come back with an error.
func readEverything(t *testing.T, dir string) error {
	t.Helper()
	ctx := context.Background()
	s, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...)
	if err != nil {
		return err
	}
	defer s.Close()
	convs, err := s.Conversations(ctx)
	if err != nil {
		return err
	}
	for _, c := range convs {
		msgs, err := s.Messages(ctx, c.ID)
		if err != nil {
			if msgs != nil {
				t.Fatal("messages returned with an error")
			}
			return err
		}
	}
	_, err = s.Memories(ctx)
	return err
}
