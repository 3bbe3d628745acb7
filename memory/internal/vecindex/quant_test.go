package vecindex_test

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/vecindex"
)

// scaleOf is the scale quantisation gives v, from its definition:
// max|v_i| / |v| / 127.
func scaleOf(v []float32) float32 {
	var n2, m float64
	for _, x := range v {
		n2 += float64(x) * float64(x)
		m = max(m, math.Abs(float64(x)))
	}
	return float32(m / math.Sqrt(n2) / 127)
}

// TestQuantisedSearchAgainstFloat compares int8 search with exact float
// search on random vectors: every score is within ErrorBound of the
// exact cosine; every returned chunk is provably a near-top one (its
// exact cosine is at most two bounds below the exact k-th best); and the
// recall@10 against exact search is logged for RATIONALE.md.
func TestQuantisedSearchAgainstFloat(t *testing.T) {
	for _, dim := range []int{384, 768} {
		t.Run("dim"+strconv.Itoa(dim), func(t *testing.T) { checkAgainstFloat(t, dim) })
	}
}

func checkAgainstFloat(t *testing.T, dim int) {
	const n, queries, k = 20000, 20, 10
	r := rand.New(rand.NewPCG(7, uint64(dim)))
	x, _ := vecindex.New(dim)
	vecs := make([][]float32, n)
	var maxScale float32
	for i := range vecs {
		vecs[i] = randVec(r, dim)
		maxScale = max(maxScale, scaleOf(vecs[i]))
		x.Put(int64(i), vecs[i])
	}
	var found, total int
	var sumErr, maxErr float64
	for range queries {
		q := randVec(r, dim)
		exact := make([]vecindex.Hit, n)
		for i, v := range vecs {
			exact[i] = vecindex.Hit{ID: int64(i), Score: float32(cosine(q, v))}
		}
		slices.SortFunc(exact, func(a, b vecindex.Hit) int { return cmp.Compare(b.Score, a.Score) })
		got, err := x.Search(context.Background(), q, k)
		if err != nil {
			t.Fatal(err)
		}
		bound := vecindex.ErrorBound(dim, scaleOf(q), maxScale)
		want := map[int64]bool{}
		for _, h := range exact[:k] {
			want[h.ID] = true
		}
		for _, h := range got {
			c := cosine(q, vecs[h.ID])
			e := math.Abs(c - float64(h.Score))
			if e > vecindex.ErrorBound(dim, scaleOf(q), scaleOf(vecs[h.ID])) {
				t.Fatalf("chunk %d: score %v, exact %v: error %v above bound", h.ID, h.Score, c, e)
			}
			if c < float64(exact[k-1].Score)-2*bound {
				t.Errorf("chunk %d returned with exact cosine %v, k-th best is %v (2·bound %v)", h.ID, c, exact[k-1].Score, 2*bound)
			}
			sumErr, maxErr = sumErr+e, max(maxErr, e)
			if want[h.ID] {
				found++
			}
		}
		total += k
	}
	t.Logf("dim %d, %d random vectors: recall@%d vs float %.3f; |score−cosine| mean %.5f max %.5f; bound at max scale %.4f",
		dim, n, k, float64(found)/float64(total), sumErr/float64(total), maxErr, vecindex.ErrorBound(dim, maxScale, maxScale))
}
