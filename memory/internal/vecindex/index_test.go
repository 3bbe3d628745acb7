package vecindex_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/vecindex"
)

// randVec returns a vector of dim standard normal components.
func randVec(r *rand.Rand, dim int) []float32 {
	v := make([]float32, dim)
	for i := range v {
		v[i] = float32(r.NormFloat64())
	}
	return v
}

// cosine is the exact float64 cosine of a and b.
func cosine(a, b []float32) float64 {
	var ab, aa, bb float64
	for i := range a {
		ab += float64(a[i]) * float64(b[i])
		aa += float64(a[i]) * float64(a[i])
		bb += float64(b[i]) * float64(b[i])
	}
	return ab / math.Sqrt(aa*bb)
}

func TestPutReplaceRemove(t *testing.T) {
	x, err := vecindex.New(3)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(x.Put(1, []float32{1, 0, 0}))
	must(x.Put(2, []float32{0, 1, 0}))
	must(x.Put(3, []float32{0, 0, 5})) // normalised: scale does not matter
	top := func(q []float32) int64 {
		t.Helper()
		h, err := x.Search(ctx, q, 1)
		if err != nil || len(h) != 1 {
			t.Fatalf("Search = %v, %v", h, err)
		}
		return h[0].ID
	}
	if got := top([]float32{0, 0, 1}); got != 3 {
		t.Errorf("nearest to z = %d, want 3", got)
	}
	must(x.Put(1, []float32{0, 0.1, 1})) // replace: 1 now near z, 3 still nearest
	if x.Len() != 3 {
		t.Errorf("Len after replace = %d, want 3", x.Len())
	}
	if got := top([]float32{0, 0.2, 1}); got != 1 {
		t.Errorf("nearest to (0,.2,1) = %d, want replaced 1", got)
	}
	if !x.Remove(1) || x.Remove(1) || x.Has(1) {
		t.Error("Remove(1) twice: want true then false, and Has false")
	}
	if got := top([]float32{1, 0, 0}); got == 1 {
		t.Error("removed chunk 1 still found")
	}
	// Chunk 3 moved into slot 0 on removal: it must still be found as itself.
	if got := top([]float32{0, 0, 1}); got != 3 {
		t.Errorf("nearest to z after removal = %d, want 3", got)
	}
}

func TestBadVectors(t *testing.T) {
	x, _ := vecindex.New(2)
	nan := float32(math.NaN())
	for _, v := range [][]float32{{1}, {0, 0}, {nan, 1}, {float32(math.Inf(1)), 0}} {
		if err := x.Put(1, v); !errors.Is(err, vecindex.ErrVector) {
			t.Errorf("Put(%v) = %v, want ErrVector", v, err)
		}
		if _, err := x.Search(context.Background(), v, 1); !errors.Is(err, vecindex.ErrVector) {
			t.Errorf("Search(%v) = %v, want ErrVector", v, err)
		}
	}
	for _, d := range []int{0, -1, vecindex.MaxDim + 1} {
		if _, err := vecindex.New(d); err == nil {
			t.Errorf("New(%d) accepted", d)
		}
	}
}

func TestTiesRankByLowerID(t *testing.T) {
	x, _ := vecindex.New(2)
	for _, id := range []int64{9, 4, 7} {
		x.Put(id, []float32{1, 1})
	}
	h, err := x.Search(context.Background(), []float32{1, 1}, 3)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, hit := range h {
		ids = append(ids, hit.ID)
	}
	if !slices.Equal(ids, []int64{4, 7, 9}) {
		t.Errorf("ids = %v, want [4 7 9]", ids)
	}
}

// TestSearchMatchesScanOfCodes checks the parallel top-k against a
// single sort over all scores: same ids, same order, across shard
// boundaries (n is several shards' worth) and for k larger than n.
func TestSearchMatchesFullSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const dim, n = 16, 70000
	x, _ := vecindex.New(dim)
	for id := range int64(n) {
		x.Put(id, randVec(r, dim))
	}
	q := randVec(r, dim)
	all, err := x.Search(context.Background(), q, n+5)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != n {
		t.Fatalf("k > n returned %d hits, want %d", len(all), n)
	}
	top, _ := x.Search(context.Background(), q, 10)
	if !slices.Equal(top, all[:10]) {
		t.Errorf("top 10 %v\n != first 10 of full ranking %v", top, all[:10])
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.Score < b.Score || (a.Score == b.Score && a.ID > b.ID) {
			t.Fatalf("rank %d out of order: %v then %v", i, a, b)
		}
	}
}

func TestSearchCancelled(t *testing.T) {
	x, _ := vecindex.New(4)
	x.Put(1, []float32{1, 2, 3, 4})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := x.Search(ctx, []float32{1, 2, 3, 4}, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Search on cancelled ctx = %v, want context.Canceled", err)
	}
}

// TestUseKernel checks that a caller's kernel is the one that scores,
// and that a kernel giving DotBlock's integers gives the same results.
func TestUseKernel(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	x, _ := vecindex.New(32)
	for id := range int64(1000) {
		x.Put(id, randVec(r, 32))
	}
	q := randVec(r, 32)
	want, _ := x.Search(context.Background(), q, 5)
	calls := 0
	x.UseKernel(func(q, codes []int8, out []int32) {
		calls++
		vecindex.DotBlock(q, codes, out)
	})
	got, _ := x.Search(context.Background(), q, 5)
	if calls == 0 || !slices.Equal(got, want) {
		t.Errorf("with kernel: %d calls, hits %v, want %v", calls, got, want)
	}
	x.UseKernel(func(q, codes []int8, out []int32) { clear(out) })
	if h, _ := x.Search(context.Background(), q, 1); h[0].Score != 0 {
		t.Errorf("a zero kernel gave score %v", h[0].Score)
	}
	x.UseKernel(nil)
	if got, _ := x.Search(context.Background(), q, 5); !slices.Equal(got, want) {
		t.Errorf("after UseKernel(nil): %v, want %v", got, want)
	}
}
