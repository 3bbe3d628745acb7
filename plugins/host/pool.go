package host

import (
	"context"
	"sync"
)

// pool holds up to size instances of one plugin. A caller takes a slot
// (waiting when all are busy), reuses an idle instance or makes one, and
// gives back the instance if it is still sound.
type pool struct {
	slots  chan struct{}
	mu     sync.Mutex
	idle   []*instance
	closed bool
}

func newPool(size int) *pool {
	return &pool{slots: make(chan struct{}, size)}
}

// acquire waits for a slot and returns an idle instance, or nil when the
// caller must make one.
func (p *pool) acquire(ctx context.Context) (*instance, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		<-p.slots
		return nil, ErrClosed
	}
	if n := len(p.idle); n > 0 {
		inst := p.idle[n-1]
		p.idle = p.idle[:n-1]
		return inst, nil
	}
	return nil, nil
}

// release gives back a slot; inst is kept for the next call when sound,
// closed otherwise (or when the pool was closed meanwhile).
func (p *pool) release(ctx context.Context, inst *instance, sound bool) {
	p.mu.Lock()
	keep := sound && inst != nil && !p.closed
	if keep {
		p.idle = append(p.idle, inst)
	}
	p.mu.Unlock()
	if !keep && inst != nil {
		inst.close(ctx)
	}
	<-p.slots
}

// close closes the idle instances; busy ones are closed when released.
func (p *pool) close(ctx context.Context) {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, inst := range idle {
		inst.close(ctx)
	}
}
