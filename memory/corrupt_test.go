package memory_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// crashCopy makes a store with data, and copies its files while it is
// still open (as a crash would leave them, WAL included).
func crashCopy(t *testing.T) (dir string, messages int) {
	t.Helper()
	ctx := context.Background()
	s, src, _ := newStore(t)
	c, err := s.CreateConversation(ctx, "c")
	must(t, err)
	for i := range 200 {
		_, err := s.AddMessage(ctx, c.ID, 0, memory.Message{Role: "user", Text: "row " + string(rune('a'+i%26))})
		must(t, err)
	}
	dir = t.TempDir()
	for _, f := range []string{"hearth.db", "hearth.db-wal", "hearth.db-shm"} {
		copyFile(t, filepath.Join(src, f), filepath.Join(dir, f))
	}
	must(t, s.Close())
	return dir, 200
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if os.IsNotExist(err) {
		return
	}
	must(t, err)
	defer in.Close()
	out, err := os.Create(to)
	must(t, err)
	defer out.Close()
	_, err = io.Copy(out, in)
	must(t, err)
}

func TestDamagedFiles(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, dir string)
		// clean recovery allowed: an older consistent state that opens
		// and decrypts fully. Otherwise a typed error is required.
		recoverOK bool
	}{
		{"deleted wal", func(t *testing.T, dir string) {
			must(t, os.Remove(filepath.Join(dir, "hearth.db-wal")))
		}, true},
		{"corrupted wal", func(t *testing.T, dir string) {
			garble(t, filepath.Join(dir, "hearth.db-wal"), 5000, 64)
		}, true},
		{"truncated wal", func(t *testing.T, dir string) {
			truncate(t, filepath.Join(dir, "hearth.db-wal"), 0.5)
		}, true},
		{"truncated database", func(t *testing.T, dir string) {
			checkpointed(t, dir)
			truncate(t, filepath.Join(dir, "hearth.db"), 0.5)
		}, false},
		{"corrupted database pages", func(t *testing.T, dir string) {
			checkpointed(t, dir)
			garble(t, filepath.Join(dir, "hearth.db"), 4096*3, 4096)
		}, false},
		{"corrupted database header", func(t *testing.T, dir string) {
			checkpointed(t, dir)
			garble(t, filepath.Join(dir, "hearth.db"), 0, 100)
		}, false},
		{"zero-length database", func(t *testing.T, dir string) {
			checkpointed(t, dir)
			must(t, os.Truncate(filepath.Join(dir, "hearth.db"), 0))
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := crashCopy(t)
			tc.damage(t, dir)
			err := readEverything(t, dir)
			switch {
			case err == nil && tc.recoverOK:
				checkIntegrity(t, dir)
			case err == nil:
				t.Fatal("damaged store opened as if nothing happened")
			case !errors.Is(err, memory.ErrCorrupt) && !errors.Is(err, memory.ErrTampered):
				t.Fatalf("error = %v, want ErrCorrupt or ErrTampered", err)
			}
		})
	}
}

// checkpointed folds the WAL into the database file, so damage to the
// file hits real data.
func checkpointed(t *testing.T, dir string) {
	t.Helper()
	db := rawDB(t, dir)
	execSQL(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	must(t, db.Close())
	os.Remove(filepath.Join(dir, "hearth.db-wal"))
	os.Remove(filepath.Join(dir, "hearth.db-shm"))
}

func garble(t *testing.T, path string, off, n int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	must(t, err)
	defer f.Close()
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + 13)
	}
	_, err = f.WriteAt(b, off)
	must(t, err)
}

func truncate(t *testing.T, path string, frac float64) {
	t.Helper()
	fi, err := os.Stat(path)
	must(t, err)
	must(t, os.Truncate(path, int64(float64(fi.Size())*frac)))
}
