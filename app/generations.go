package app

import (
	"context"
	"sync"
)

// generations counts the chat answers being generated, so background
// work that competes with them for the same cores (the embedding pass of
// the document library) can give way while one runs. The zero value is
// not usable: newGenerations makes one.
type generations struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed while no answer is generated
}

func newGenerations() *generations {
	idle := make(chan struct{})
	close(idle)
	return &generations{idle: idle}
}

// begin records an answer starting; the function it returns records its
// end and must be called once.
func (g *generations) begin() (end func()) {
	g.mu.Lock()
	if g.n == 0 {
		g.idle = make(chan struct{})
	}
	g.n++
	g.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			g.mu.Lock()
			defer g.mu.Unlock()
			if g.n--; g.n == 0 {
				close(g.idle)
			}
		})
	}
}

// running reports whether an answer is being generated now.
func (g *generations) running() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n > 0
}

// waitIdle returns once no answer is being generated, or ctx's error.
func (g *generations) waitIdle(ctx context.Context) error {
	for {
		g.mu.Lock()
		idle, n := g.idle, g.n
		g.mu.Unlock()
		if n == 0 {
			return nil
		}
		select {
		case <-idle:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
