package memory_test

import (
	"math"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

func TestFuse(t *testing.T) {
	type want struct {
		ids    []string
		scores []float64
	}
	tests := []struct {
		name  string
		k     int
		lists [][]string
		want  want
	}{
		{"nothing", 0, nil, want{}},
		{"keyword only keeps its order", 0, [][]string{{"a", "b", "c"}},
			want{[]string{"a", "b", "c"}, []float64{1.0 / 61, 1.0 / 62, 1.0 / 63}}},
		{"vectors only, keyword empty", 0, [][]string{{}, {"v", "w"}},
			want{[]string{"v", "w"}, []float64{1.0 / 61, 1.0 / 62}}},
		// b: 1/62 + 1/61 beats a's 1/61 and c's 1/62.
		{"both lists", 0, [][]string{{"a", "b"}, {"b", "c"}},
			want{[]string{"b", "a", "c"}, []float64{1.0/61 + 1.0/62, 1.0 / 61, 1.0 / 62}}},
		{"tie goes to the earlier list", 0, [][]string{{"a", "b"}, {"b", "a"}},
			want{[]string{"a", "b"}, []float64{1.0/61 + 1.0/62, 1.0/61 + 1.0/62}}},
		{"tie across lists at rank 1", 0, [][]string{{"x"}, {"y"}},
			want{[]string{"x", "y"}, []float64{1.0 / 61, 1.0 / 61}}},
		// z at rank 1 of list 2 (1/61) ties q at rank 62 of both (2/122):
		// z has the better best rank, so it leads although q's list is first.
		{"tie goes to the better best rank", 0, [][]string{append(fill(61), "q"), append([]string{"z"}, append(fill(60), "q")...)},
			want{[]string{"z", "q"}, []float64{1.0 / 61, 1.0 / 61}}},
		{"duplicate counts at its first rank", 0, [][]string{{"a", "a", "b"}},
			want{[]string{"a", "b"}, []float64{1.0 / 61, 1.0 / 63}}},
		{"k chosen", 1, [][]string{{"a"}, {"a"}},
			want{[]string{"a"}, []float64{1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := memory.Fuse(tt.k, tt.lists...)
			var ids []string
			scores := map[string]float64{}
			for _, f := range got {
				ids = append(ids, f.ID)
				scores[f.ID] = f.Score
			}
			if tt.name == "tie goes to the better best rank" {
				ids = slices.DeleteFunc(ids, func(id string) bool { return id != "z" && id != "q" })
			}
			if !slices.Equal(ids, tt.want.ids) {
				t.Fatalf("ids = %v, want %v", ids, tt.want.ids)
			}
			for i, id := range tt.want.ids {
				if math.Abs(scores[id]-tt.want.scores[i]) > 1e-15 {
					t.Errorf("score of %s = %v, want %v", id, scores[id], tt.want.scores[i])
				}
			}
		})
	}
}

// fill returns n distinct filler ids.
func fill(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "f" + string(rune('A'+i/26)) + string(rune('a'+i%26))
	}
	return out
}

func TestFuseRanks(t *testing.T) {
	got := memory.Fuse(0, []int64{7, 8}, []int64{8})
	if len(got) != 2 || !slices.Equal(got[0].Ranks, []int{2, 1}) || !slices.Equal(got[1].Ranks, []int{1, 0}) {
		t.Errorf("Fuse = %+v, want 8 with ranks [2 1], then 7 with [1 0]", got)
	}
}
