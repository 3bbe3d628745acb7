package memory_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/internal/keys"
)

// memHighByte is where the most significant byte of the Argon2id memory
// field sits in a marshalled passphrase slot: magic(4) kind(1) key id(4)
// salt length(1) salt(16) time(4), then memory.
const memHighByte = 30

// flipMemoryBit returns slot with the top bit of its memory parameter
// flipped (64 KiB becomes 2 TiB), after checking with keys.ParseSlot that
// the damaged slot is refused before any derivation. Code without a KDF
// ceiling fails that check here, cleanly, instead of letting Argon2id
// allocate terabytes later in the test.
func flipMemoryBit(t *testing.T, slot []byte) []byte {
	t.Helper()
	b := bytes.Clone(slot)
	b[memHighByte] ^= 0x80
	if s, err := keys.ParseSlot(b); !errors.Is(err, keys.ErrAboveCeiling) {
		t.Fatalf("a slot asking for %d KiB parses (%v): nothing stops the derivation", s.Params.MemoryKiB, err)
	}
	return b
}

// oneSentence checks that err is quick, single-line and says what is wrong.
func oneSentence(t *testing.T, err error, took time.Duration) {
	t.Helper()
	if took > 2*time.Second {
		t.Fatalf("refusal took %v", took)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "ceiling") {
		t.Fatalf("error %q: want one line naming the ceiling", msg)
	}
}

func TestKDFCeilingKeySlot(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	must(t, s.Close())
	db := rawDB(t, dir)
	slot := blob(t, db, "SELECT slot FROM keyslots WHERE kind = 1")
	execSQL(t, db, "UPDATE keyslots SET slot = ? WHERE kind = 1", flipMemoryBit(t, slot))
	must(t, db.Close())
	start := time.Now()
	_, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...)
	if !errors.Is(err, memory.ErrTampered) || !errors.Is(err, keys.ErrAboveCeiling) {
		t.Fatalf("Open error = %v, want ErrTampered and ErrAboveCeiling", err)
	}
	oneSentence(t, err, time.Since(start))
}

func TestKDFCeilingBackupHeader(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	var buf bytes.Buffer
	must(t, s.Backup(ctx, &buf))
	must(t, s.Close())
	db := rawDB(t, dir)
	slot := blob(t, db, "SELECT slot FROM keyslots WHERE kind = 1")
	must(t, db.Close())
	at := bytes.Index(buf.Bytes(), slot)
	if at < 0 {
		t.Fatal("the backup header does not hold the passphrase slot")
	}
	damaged := bytes.Clone(buf.Bytes())
	copy(damaged[at:], flipMemoryBit(t, slot))
	start := time.Now()
	_, err := memory.Restore(ctx, bytes.NewReader(damaged), filepath.Join(t.TempDir(), "restored"), memory.Passphrase(pass), testOpts()...)
	if !errors.Is(err, memory.ErrBadBackup) || !errors.Is(err, keys.ErrAboveCeiling) {
		t.Fatalf("Restore error = %v, want ErrBadBackup and ErrAboveCeiling", err)
	}
	oneSentence(t, err, time.Since(start))
}
