package memory

import (
	"slices"
)

// RRFK is the rank constant of reciprocal rank fusion: 60, the value of
// Cormack, Clarke and Büttcher (SIGIR 2009), which also BEIR-style hybrid
// baselines use.
const RRFK = 60

// Fused is one result of Fuse: an id, its fused score, and its 1-based
// rank in each input list (0 where the list lacks it).
type Fused[K comparable] struct {
	ID    K
	Score float64
	Ranks []int
}

// Fuse merges rankings (each best first: keyword hits, vector hits, or
// any that exist) by reciprocal rank fusion: an id scores the sum over
// the lists that hold it of 1/(k + rank), rank counted from 1; k <= 0
// means RRFK. An id repeated within one list counts at its first rank.
// With a single list the order is that list's.
//
// Ties keep a documented order: the id with the better (lower) best rank
// first, and at equal best rank the one from the earlier list. Scores
// are summed in rank order, so equal rank sets give bit-equal scores.
func Fuse[K comparable](k int, lists ...[]K) []Fused[K] {
	if k <= 0 {
		k = RRFK
	}
	var out []Fused[K]
	at := map[K]int{} // id → index in out
	longest := 0
	for _, l := range lists {
		longest = max(longest, len(l))
	}
	// Read rank by rank across the lists, so out is in first-seen order:
	// lower best rank first, earlier list first at equal rank.
	for r := range longest {
		for li, l := range lists {
			if r >= len(l) {
				continue
			}
			i, ok := at[l[r]]
			if !ok {
				i = len(out)
				at[l[r]] = i
				out = append(out, Fused[K]{ID: l[r], Ranks: make([]int, len(lists))})
			}
			if out[i].Ranks[li] == 0 {
				out[i].Ranks[li] = r + 1
			}
		}
	}
	for i := range out {
		out[i].Score = rrfScore(k, out[i].Ranks)
	}
	slices.SortStableFunc(out, func(a, b Fused[K]) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out
}

// rrfScore sums 1/(k+rank) over the present ranks, smallest rank first.
func rrfScore(k int, ranks []int) float64 {
	sorted := slices.Clone(ranks)
	slices.Sort(sorted)
	var s float64
	for _, r := range sorted {
		if r > 0 {
			s += 1 / float64(k+r)
		}
	}
	return s
}
