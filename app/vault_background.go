package app

import (
	"context"
	"sync"

	"github.com/hearth-app/hearth/memory"
)

// background is the vault's lease on work nobody at the window waits for:
// indexing folders, watching them. That work borrows the store for long
// stretches (a sync of a large folder takes minutes), which a plain Use
// would turn into a read lock that holds off the auto-lock, and, since a
// waiting writer blocks new readers, freezes every service behind it.
// Instead it runs under a lease context that the vault cancels before it
// takes the store exclusively (lock, close, restore, key rotation): the
// work commits file by file, sees the cancellation within one file, and
// lets go. Unlocking starts a new lease and tells the registered starters,
// which pick the work up again (a sync resumes where it stopped).
type background struct {
	mu       sync.Mutex
	ctx      context.Context // nil until the first unlock; cancelled while locked
	cancel   context.CancelFunc
	starters []func(ctx context.Context)
}

// OnUnlock registers start, which the vault runs in a goroutine with the
// lease context each time the store is unlocked (and now, if it is).
func (v *Vault) OnUnlock(start func(ctx context.Context)) {
	v.bg.mu.Lock()
	defer v.bg.mu.Unlock()
	v.bg.starters = append(v.bg.starters, start)
	if v.bg.ctx != nil && v.bg.ctx.Err() == nil {
		go start(v.bg.ctx)
	}
}

// Lease returns the context background work runs under: it ends when the
// store locks or closes. ok is false while the store is locked.
func (v *Vault) Lease() (ctx context.Context, ok bool) {
	v.bg.mu.Lock()
	defer v.bg.mu.Unlock()
	if v.bg.ctx == nil || v.bg.ctx.Err() != nil {
		return nil, false
	}
	return v.bg.ctx, true
}

// UseInBackground lends the unlocked store to fn for background work:
// fn's context ends when ctx does or when the vault needs the store
// exclusively, and the use does not count as activity for the auto-lock.
func (v *Vault) UseInBackground(ctx context.Context, fn func(context.Context, *memory.Store) error) error {
	lease, ok := v.Lease()
	if !ok {
		return ErrLocked
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(lease, cancel)
	defer stop()
	return v.useQuietly(func(st *memory.Store) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fn(ctx, st)
	})
}

// endBackground cancels the lease, before the vault takes the store
// exclusively; until the next unlock every lease asked for is refused.
func (v *Vault) endBackground() {
	v.bg.mu.Lock()
	defer v.bg.mu.Unlock()
	if v.bg.cancel != nil {
		v.bg.cancel()
	}
}

// beginBackground starts a new lease and the registered work (the store
// was just unlocked).
func (v *Vault) beginBackground() {
	v.bg.mu.Lock()
	defer v.bg.mu.Unlock()
	if v.bg.cancel != nil {
		v.bg.cancel()
	}
	v.bg.ctx, v.bg.cancel = context.WithCancel(context.Background())
	for _, start := range v.bg.starters {
		go start(v.bg.ctx)
	}
}

// exclusive takes the store for the vault alone, background work first
// told to let go.
func (v *Vault) exclusive() {
	v.endBackground()
	v.mu.Lock()
}
