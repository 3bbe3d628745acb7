package app

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// recordedEvents keeps the events a service emits.
type recordedEvents struct {
	mu    sync.Mutex
	names []string
}

func (r *recordedEvents) Emit(name string, _ any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names = append(r.names, name)
}

func (r *recordedEvents) count(name string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, s := range r.names {
		if s == name {
			n++
		}
	}
	return n
}

func newTestVault(t *testing.T) (*Vault, *VaultService, *recordedEvents) {
	t.Helper()
	ev := &recordedEvents{}
	v := NewVault(filepath.Join(t.TempDir(), "store"), ev)
	t.Cleanup(func() { _ = v.Close() })
	return v, NewVaultService(v), ev
}

func TestVaultFirstRunLockUnlock(t *testing.T) {
	v, svc, ev := newTestVault(t)
	if st := svc.Status(); st.Created || st.Unlocked {
		t.Fatalf("fresh vault: %+v", st)
	}
	if err := v.Use(func(*memory.Store) error { return nil }); !errors.Is(err, ErrLocked) {
		t.Fatalf("use before create: %v", err)
	}
	recovery, err := svc.Create("correct horse battery staple")
	if err != nil || recovery == "" {
		t.Fatalf("create: %q %v", recovery, err)
	}
	if _, err := svc.Create("again"); err == nil {
		t.Fatal("a second create succeeded")
	}
	ctx := context.Background()
	must(t, v.Use(func(st *memory.Store) error {
		_, err := st.AddMemory(ctx, "likes tea", memory.Source{})
		return err
	}))
	must(t, svc.Lock())
	if ev.count(EventLocked) != 1 || svc.Status().Unlocked {
		t.Fatalf("after lock: %+v, %d events", svc.Status(), ev.count(EventLocked))
	}
	if err := svc.Unlock("wrong"); !errors.Is(err, errWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	must(t, svc.Unlock("correct horse battery staple"))
	must(t, v.Use(func(st *memory.Store) error {
		ms, err := st.Memories(ctx)
		if err == nil && (len(ms) != 1 || ms[0].Text != "likes tea") {
			t.Errorf("memories after unlock: %+v", ms)
		}
		return err
	}))
	// The recovery key opens the store and sets a new passphrase.
	must(t, svc.Lock())
	if err := svc.Recover("not-a-key", "new pass"); err == nil {
		t.Fatal("a bad recovery key worked")
	}
	must(t, svc.Recover(recovery, "new pass"))
	must(t, svc.Lock())
	if err := svc.Unlock("correct horse battery staple"); err == nil {
		t.Fatal("the old passphrase still works after recovery")
	}
	must(t, svc.Unlock("new pass"))
}

func TestVaultAutoLock(t *testing.T) {
	old := autoLockTick
	autoLockTick = 10 * time.Millisecond
	t.Cleanup(func() { autoLockTick = old })
	v, svc, ev := newTestVault(t)
	var mu sync.Mutex
	clock := time.Unix(1_000_000, 0)
	v.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	advance := func(d time.Duration) { mu.Lock(); clock = clock.Add(d); mu.Unlock() }
	if _, err := svc.Create("pass phrase"); err != nil {
		t.Fatal(err)
	}
	must(t, svc.SetAutoLock(2))
	if svc.Status().AutoLockMinutes != 2 {
		t.Fatalf("auto-lock: %+v", svc.Status())
	}
	advance(90 * time.Second)
	svc.Touch()
	advance(90 * time.Second) // 3 minutes since start, 1.5 since the touch
	time.Sleep(50 * time.Millisecond)
	if !svc.Status().Unlocked {
		t.Fatal("locked although used 90 s ago with a 2-minute delay")
	}
	advance(31 * time.Second)
	deadline := time.Now().Add(2 * time.Second)
	for svc.Status().Unlocked && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if svc.Status().Unlocked || ev.count(EventLocked) != 1 {
		t.Fatalf("not auto-locked: %+v, %d events", svc.Status(), ev.count(EventLocked))
	}
	// The delay is kept, sealed, across a lock.
	must(t, svc.Unlock("pass phrase"))
	if svc.Status().AutoLockMinutes != 2 {
		t.Fatalf("auto-lock after unlock: %+v", svc.Status())
	}
	if err := svc.SetAutoLock(-1); err == nil {
		t.Fatal("a negative delay was accepted")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
