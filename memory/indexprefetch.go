package memory

import (
	"context"

	"github.com/hearth-app/hearth/memory/internal/seal"
)

// Loading a snapshot reads, opens and inflates every segment, most of
// the load's time; index.Load injects them one after another. The
// segments are therefore prepared ahead by prefetchWorkers goroutines,
// at most prefetchAhead of them waiting, and handed over in Load's
// order: on two cores the inflating takes about half the time.
const (
	prefetchWorkers = 2
	prefetchAhead   = 4
)

type prefetched struct {
	data []byte
	err  error
}

// segmentPrefetch prepares the segments of a snapshot in order.
type segmentPrefetch struct {
	segs  []segState
	ready []chan prefetched // one per segment, buffered
	ahead chan struct{}     // a slot per segment prepared and not yet taken
	next  int
	stop  context.CancelFunc
}

// prefetchSegments starts preparing segs; the caller takes them with
// data, in order, and calls close when done.
func (s *Store) prefetchSegments(ctx context.Context, key *seal.Key, segs []segState) *segmentPrefetch {
	ctx, cancel := context.WithCancel(ctx)
	p := &segmentPrefetch{segs: segs, ready: make([]chan prefetched, len(segs)),
		ahead: make(chan struct{}, prefetchAhead), stop: cancel}
	for i := range p.ready {
		p.ready[i] = make(chan prefetched, 1)
	}
	jobs := make(chan int)
	go func() { // hands out the segments in order, never more than prefetchAhead ahead
		defer close(jobs)
		for i := range segs {
			select {
			case p.ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range prefetchWorkers {
		go func() {
			for i := range jobs {
				b, err := s.readSegment(ctx, key, segs[i].Key, segs[i].Packed)
				p.ready[i] <- prefetched{b, err}
			}
		}()
	}
	return p
}

// data returns the bytes of segment k, which must be the next in order.
func (p *segmentPrefetch) data(k uint64) ([]byte, error) {
	if p.next >= len(p.segs) || p.segs[p.next].Key != k {
		return nil, errNoSnapshot // Load asks in snapshot order; anything else is a bug
	}
	r := <-p.ready[p.next]
	<-p.ahead
	p.next++
	return r.data, r.err
}

// close stops the preparing; segments prepared and not taken are dropped.
func (p *segmentPrefetch) close() { p.stop() }
