package kernel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Pool is a fixed set of worker goroutines that run the chunks of parallel
// loops. The goroutine calling For works too, so a Pool of n threads starts
// n-1 workers. A Pool is safe for use by one caller at a time.
type Pool struct {
	threads int
	work    []chan *job
	wg      sync.WaitGroup
}

// job is one parallel loop: chunks of [0, n) handed out by an atomic counter.
type job struct {
	fn     func(lo, hi int)
	n      int
	grain  int
	next   atomic.Int64
	finish sync.WaitGroup
}

// NewPool starts a pool using threads goroutines; threads <= 0 means one per
// CPU.
func NewPool(threads int) *Pool {
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	p := &Pool{threads: threads, work: make([]chan *job, threads-1)}
	for i := range p.work {
		ch := make(chan *job)
		p.work[i] = ch
		p.wg.Add(1)
		go p.worker(ch)
	}
	return p
}

// Threads returns the number of goroutines the pool computes with.
func (p *Pool) Threads() int { return p.threads }

// Close stops the workers. The pool must not be used afterwards.
func (p *Pool) Close() {
	for _, ch := range p.work {
		close(ch)
	}
	p.wg.Wait()
}

func (p *Pool) worker(ch chan *job) {
	defer p.wg.Done()
	for j := range ch {
		j.run()
		j.finish.Done()
	}
}

// run takes chunks until none are left.
func (j *job) run() {
	for {
		lo := int(j.next.Add(int64(j.grain))) - j.grain
		if lo >= j.n {
			return
		}
		j.fn(lo, min(lo+j.grain, j.n))
	}
}

// For calls fn on disjoint ranges [lo, hi) covering [0, n), in parallel. Each
// range holds at least grain items (except the last), so that tiny loops are
// not split into chunks costlier to hand out than to compute.
func (p *Pool) For(n, grain int, fn func(lo, hi int)) {
	if n <= 0 {
		return
	}
	grain = max(grain, 1)
	chunks := (n + grain - 1) / grain
	if p == nil || p.threads == 1 || chunks == 1 {
		fn(0, n)
		return
	}
	// About four chunks per thread balances uneven chunks without much
	// hand-out traffic.
	if per := (n + 4*p.threads - 1) / (4 * p.threads); per > grain {
		grain = per
	}
	j := &job{fn: fn, n: n, grain: grain}
	helpers := min(len(p.work), (n+grain-1)/grain-1)
	j.finish.Add(helpers)
	for _, ch := range p.work[:helpers] {
		ch <- j
	}
	j.run()
	j.finish.Wait()
}
