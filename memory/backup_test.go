package memory_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	s, _, rk := newStore(t)
	fillFrozen(t, s)
	var buf bytes.Buffer
	must(t, s.Backup(ctx, &buf))
	must(t, s.Close())
	if bytes.Contains(buf.Bytes(), []byte("glacier")) {
		t.Fatal("backup holds plaintext")
	}
	good := buf.Bytes()
	flip := func(i int) []byte { b := bytes.Clone(good); b[i] ^= 1; return b }
	for _, tc := range []struct {
		name string
		data []byte
		u    memory.Unlocker
		want error
	}{
		{"passphrase", good, memory.Passphrase(pass), nil},
		{"recovery key", good, memory.RecoveryKey(rk), nil},
		{"wrong passphrase", good, memory.Passphrase("nope"), memory.ErrWrongPassphrase},
		{"truncated", good[:len(good)-100], memory.Passphrase(pass), memory.ErrBadBackup},
		{"header only", good[:60], memory.Passphrase(pass), memory.ErrBadBackup},
		{"frame flipped", flip(len(good) - 30), memory.Passphrase(pass), memory.ErrBadBackup},
		{"store id flipped", flip(31), memory.Passphrase(pass), memory.ErrBadBackup},
		{"not a backup", []byte("hello"), memory.Passphrase(pass), memory.ErrBadBackup},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "restored")
			r, err := memory.Restore(ctx, bytes.NewReader(tc.data), dir, tc.u, testOpts()...)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Restore error = %v, want %v", err, tc.want)
			}
			if err != nil {
				return
			}
			defer r.Close()
			checkFrozen(t, r)
		})
	}
	t.Run("refuses to overwrite", func(t *testing.T) {
		_, dir, _ := newStore(t)
		if _, err := memory.Restore(ctx, bytes.NewReader(good), dir, memory.Passphrase(pass), testOpts()...); !errors.Is(err, memory.ErrExists) {
			t.Fatalf("Restore over a store: %v", err)
		}
	})
}
