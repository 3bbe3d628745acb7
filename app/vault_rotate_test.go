package app

import (
	"context"
	"errors"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// TestVaultRotateKey rotates the data key through the window's service:
// the data stays, the passphrase stays, the recovery key changes.
func TestVaultRotateKey(t *testing.T) {
	v, svc, _ := newTestVault(t)
	const pass = "correct horse battery staple"
	oldRK, err := svc.Create(pass)
	must(t, err)
	ctx := context.Background()
	must(t, v.Use(func(st *memory.Store) error {
		_, err := st.AddMemory(ctx, "likes tea", memory.Source{})
		return err
	}))
	if _, err := svc.RotateKey("wrong"); !errors.Is(err, errWrongPassphrase) {
		t.Fatalf("rotate with a wrong passphrase: %v", err)
	}
	newRK, err := svc.RotateKey(pass)
	if err != nil || newRK == "" || newRK == oldRK {
		t.Fatalf("rotate: %q, %v", newRK, err)
	}
	must(t, v.Use(func(st *memory.Store) error {
		ms, err := st.Memories(ctx)
		if err == nil && (len(ms) != 1 || ms[0].Text != "likes tea") {
			t.Errorf("memories after rotation: %+v", ms)
		}
		return err
	}))
	must(t, svc.Lock())
	if _, err := svc.RotateKey(pass); !errors.Is(err, ErrLocked) {
		t.Fatalf("rotate while locked: %v", err)
	}
	must(t, svc.Unlock(pass))
	must(t, svc.Lock())
	if err := svc.Recover(oldRK, "another"); err == nil {
		t.Fatal("the old recovery key still works")
	}
	must(t, svc.Recover(newRK, "another"))
}
