package memory

import (
	"bytes"
	"context"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/keys"
)

// TestLockZeroesKeyMaterial holds on to the setting-name key the store
// owns and checks that Lock and Close zero it rather than only dropping
// the reference (best effort: see forgetKeys for what Go cannot promise).
func TestLockZeroesKeyMaterial(t *testing.T) {
	ctx := context.Background()
	cheap := keys.Params{Time: 1, MemoryKiB: 64, Threads: 1}
	opts := []Option{WithKDF(cheap), WithKDFFloor(cheap)}
	s, _, err := Create(ctx, t.TempDir(), "pw", opts...)
	if err != nil {
		t.Fatal(err)
	}
	zero := make([]byte, 32)
	held := s.tag
	if len(held) != 32 || bytes.Equal(held, zero) {
		t.Fatalf("unlocked store holds tag key %x", held)
	}
	if err := s.Lock(ctx); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(held, zero) {
		t.Fatal("Lock left the setting-name key in memory")
	}
	if err := s.Unlock(ctx, Passphrase("pw")); err != nil {
		t.Fatal(err)
	}
	held = s.tag
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(held, zero) {
		t.Fatal("Close left the setting-name key in memory")
	}
}
