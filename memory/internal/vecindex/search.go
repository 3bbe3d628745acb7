package vecindex

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
)

// Hit is one search result: a chunk and its approximate cosine.
type Hit struct {
	ID    int64
	Score float32
}

// minShard is the fewest vectors worth a goroutine of their own.
const minShard = 16384

// block is how many vectors one kernel call scores.
const block = 256

// checkEvery is how many vectors a worker scans between context checks;
// a multiple of block.
const checkEvery = 32 * block

// Search returns the k vectors nearest q by cosine, best first; equal
// scores rank by lower chunk id, so results are deterministic. The scan
// uses up to GOMAXPROCS goroutines.
func (x *Index) Search(ctx context.Context, q []float32, k int) ([]Hit, error) {
	if len(q) != x.dim {
		return nil, fmt.Errorf("%w: query has %d components, index has %d", ErrVector, len(q), x.dim)
	}
	qc := make([]int8, x.dim)
	qs, err := quantize(qc, q)
	if err != nil {
		return nil, fmt.Errorf("%w: query is non-finite or zero", err)
	}
	if k <= 0 {
		return nil, nil
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := len(x.ids)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/minShard))
	parts := make([]topK, workers)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w], errs[w] = x.scan(ctx, qc, qs, lo, hi, k)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("vecindex: search: %w", err)
		}
	}
	return merge(parts, k), nil
}

// scan keeps the k best of slots [lo, hi) by qs·scale·dot, a block of
// vectors per kernel call. The score is computed once, in full, so the
// heap and the final sort agree on ties.
func (x *Index) scan(ctx context.Context, qc []int8, qs float32, lo, hi, k int) (topK, error) {
	t := make(topK, 0, k)
	dim, kernel := x.dim, x.kernel
	if kernel == nil {
		kernel = DotBlock
	}
	dots := make([]int32, block)
	for s := lo; s < hi; s += block {
		if (s-lo)%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		n := min(block, hi-s)
		kernel(qc, x.codes[s*dim:(s+n)*dim], dots[:n])
		for j, d := range dots[:n] {
			t.offer(Hit{ID: x.ids[s+j], Score: qs * x.scales[s+j] * float32(d)}, k)
		}
	}
	return t, nil
}

// merge combines the workers' best into the overall k best, in rank order.
func merge(parts []topK, k int) []Hit {
	var all []Hit
	for _, p := range parts {
		all = append(all, p...)
	}
	slices.SortFunc(all, func(a, b Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return all[:min(k, len(all))]
}

// topK is a min-heap of the best hits seen: its root is the worst kept.
type topK []Hit

// worse reports whether a ranks below b: a lower score, or an equal
// score and a higher id.
func worse(a, b Hit) bool {
	return a.Score < b.Score || (a.Score == b.Score && a.ID > b.ID)
}

// offer keeps h if it is among the k best seen so far.
func (t *topK) offer(h Hit, k int) {
	if len(*t) < k {
		heap.Push(t, h)
		return
	}
	if worse((*t)[0], h) {
		(*t)[0] = h
		heap.Fix(t, 0)
	}
}

func (t topK) Len() int           { return len(t) }
func (t topK) Less(i, j int) bool { return worse(t[i], t[j]) }
func (t topK) Swap(i, j int)      { t[i], t[j] = t[j], t[i] }
func (t *topK) Push(v any)        { *t = append(*t, v.(Hit)) }
func (t *topK) Pop() any {
	old := *t
	h := old[len(old)-1]
	*t = old[:len(old)-1]
	return h
}
