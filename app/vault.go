package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// ErrLocked is returned by the window's services while the store is locked
// (or not created yet): nothing Hearth keeps can be read until it is
// unlocked.
var ErrLocked = errors.New("Hearth is locked: unlock it with your passphrase")

// Default and bounds of the auto-lock delay, in minutes (0 turns it off).
const (
	defaultAutoLock = 15
	maxAutoLock     = 24 * 60
	autoLockSetting = "ui/auto_lock_minutes"
)

// Vault is the window's hold on the encrypted store: it creates, unlocks
// and locks it, lends it to the services while it is unlocked, and locks it
// after a stretch of inactivity. Services never keep the store; they borrow
// it through Use, so a lock waits for the work in flight and then nothing
// is readable.
type Vault struct {
	dir    string
	events Events
	now    func() time.Time

	mu       sync.RWMutex // held for reading while a service uses the store
	st       *memory.Store
	autoLock atomic.Int64 // the auto-lock delay (a time.Duration); atomic, so a change waits for no one
	stop     chan struct{}
	lastUse  atomic.Int64      // unix nanoseconds of the last use; written under either lock
	atStep   func(step string) // tests only: called at each step of a restore swap
	embedder *storeEmbedder
	bg       background // work that lets go of the store when the vault needs it
}

// NewVault returns a vault for the store in dir (not opened yet).
func NewVault(dir string, events Events) *Vault {
	v := &Vault{dir: dir, events: events, now: time.Now, embedder: newStoreEmbedder()}
	v.autoLock.Store(int64(defaultAutoLock * time.Minute))
	return v
}

// Exists reports whether a store has been created in the vault's directory:
// a complete database, not the leftovers of a creation cut short (those
// mean "create", never an unlock screen that cannot unlock).
func (v *Vault) Exists() bool { return memory.Exists(v.dir) }

// Unlocked reports whether the store is open and unlocked.
func (v *Vault) Unlocked() bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.st != nil && !v.st.Locked()
}

// Create makes a new store with the passphrase, leaves it unlocked and
// returns the recovery key (to be shown once).
func (v *Vault) Create(ctx context.Context, pass string) (string, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.st != nil || v.Exists() {
		return "", errors.New("Hearth's store already exists: unlock it instead")
	}
	if err := os.MkdirAll(v.dir, 0o700); err != nil {
		return "", fmt.Errorf("create store: %w", err)
	}
	st, recovery, err := memory.Create(ctx, v.dir, pass, memory.WithEmbedder(v.embedder))
	if err != nil {
		return "", v.storeError(err)
	}
	v.opened(ctx, st)
	return recovery, nil
}

// Unlock opens (or unlocks again) the store with u.
func (v *Vault) Unlock(ctx context.Context, u memory.Unlocker) error {
	if v.Unlocked() {
		return nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.st == nil {
		if !v.Exists() {
			return errors.New("there is no store yet: create one first")
		}
		st, err := memory.Open(ctx, v.dir, u, memory.WithEmbedder(v.embedder))
		if err != nil {
			return v.storeError(err)
		}
		v.opened(ctx, st)
		return nil
	}
	if !v.st.Locked() {
		return nil
	}
	if err := v.st.Unlock(ctx, u); err != nil {
		return v.storeError(err)
	}
	v.opened(ctx, v.st)
	return nil
}

// opened records an unlocked store and starts the auto-lock watch. v.mu is
// held.
func (v *Vault) opened(ctx context.Context, st *memory.Store) {
	v.st = st
	v.embedder.attach(st)
	v.touch()
	v.autoLock.Store(int64(readAutoLock(ctx, st)))
	if v.stop == nil {
		v.stop = make(chan struct{})
		go v.watch(v.stop)
	}
	v.beginBackground()
}

// readAutoLock reads the auto-lock delay kept in the sealed settings.
func readAutoLock(ctx context.Context, st *memory.Store) time.Duration {
	b, err := st.Setting(ctx, autoLockSetting)
	if err != nil {
		return defaultAutoLock * time.Minute
	}
	n, err := strconv.Atoi(string(b))
	if err != nil || n < 0 || n > maxAutoLock {
		return defaultAutoLock * time.Minute
	}
	return time.Duration(n) * time.Minute
}

// Lock forgets the keys; the store stays open, locked. The window is told.
func (v *Vault) Lock(ctx context.Context) error {
	v.exclusive()
	defer v.mu.Unlock()
	if v.st == nil || v.st.Locked() {
		return nil
	}
	err := v.st.Lock(ctx)
	v.events.Emit(EventLocked, "")
	return err
}

// Use lends the unlocked store to fn; it fails with ErrLocked otherwise.
// Every use counts as activity for the auto-lock.
func (v *Vault) Use(fn func(*memory.Store) error) error {
	return v.use(fn, true)
}

// useQuietly is Use without counting as activity: for work the person at
// the window did not ask for, such as another program's API requests.
func (v *Vault) useQuietly(fn func(*memory.Store) error) error {
	return v.use(fn, false)
}

func (v *Vault) use(fn func(*memory.Store) error, activity bool) error {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.st == nil || v.st.Locked() {
		return ErrLocked
	}
	err := fn(v.st)
	if errors.Is(err, memory.ErrLocked) {
		return ErrLocked
	}
	if activity {
		v.touch()
	}
	return err
}

// Touch records user activity (the window calls it on input), pushing the
// auto-lock back.
func (v *Vault) Touch() {
	v.mu.RLock()
	defer v.mu.RUnlock()
	v.touch()
}

func (v *Vault) touch() { v.lastUse.Store(v.now().UnixNano()) }

// AutoLock returns the auto-lock delay (0: never).
func (v *Vault) AutoLock() time.Duration {
	return time.Duration(v.autoLock.Load())
}

// SetAutoLock changes the auto-lock delay and keeps it in the sealed
// settings.
func (v *Vault) SetAutoLock(ctx context.Context, minutes int) error {
	if minutes < 0 || minutes > maxAutoLock {
		return fmt.Errorf("the auto-lock delay must be between 0 (never) and %d minutes", maxAutoLock)
	}
	err := v.Use(func(st *memory.Store) error {
		return st.SetSetting(ctx, autoLockSetting, []byte(strconv.Itoa(minutes)))
	})
	if err != nil {
		return err
	}
	v.autoLock.Store(int64(time.Duration(minutes) * time.Minute))
	return nil
}

// idle reports whether the auto-lock delay has passed since the last use.
func (v *Vault) idle() bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	last := time.Unix(0, v.lastUse.Load())
	return v.st != nil && !v.st.Locked() && v.AutoLock() > 0 && v.now().Sub(last) >= v.AutoLock()
}

// watch locks the store once it has been idle for the auto-lock delay.
func (v *Vault) watch(stop chan struct{}) {
	tick := time.NewTicker(autoLockTick)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			if v.idle() {
				_ = v.Lock(context.Background())
			}
		}
	}
}

// autoLockTick is how often the vault checks for inactivity.
var autoLockTick = 5 * time.Second

// Close saves and closes the store (when the window closes).
func (v *Vault) Close() error {
	v.exclusive()
	defer v.mu.Unlock()
	if v.stop != nil {
		close(v.stop)
		v.stop = nil
	}
	v.embedder.close()
	if v.st == nil {
		return nil
	}
	err := v.st.Close()
	v.st = nil
	return err
}
