package scifact_test

import (
	"math"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/scifact"
)

// The expected values are worked out by hand from trec_eval's definition:
// DCG@k = sum over ranks i <= k of grade_i / log2(i+1), nDCG = DCG / ideal
// DCG. With log2(2) = 1 and log2(3) = 1.5849625: 1/log2(3) = 0.6309298.
func TestNDCG(t *testing.T) {
	tests := []struct {
		name    string
		ranking []string
		judged  map[string]int
		k       int
		want    float64
	}{
		{"first rank", []string{"a", "b"}, map[string]int{"a": 1}, 10, 1},
		{"second rank", []string{"x", "a"}, map[string]int{"a": 1}, 10, 0.6309298},
		// DCG = 1/1 + 2/log2(3) = 2.2618595; ideal = 2/1 + 1/log2(3) = 2.6309298.
		{"graded, swapped", []string{"b", "a"}, map[string]int{"a": 2, "b": 1}, 10, 0.8597187},
		// Ideal cut at k=2 over three relevant: 1 + 0.6309298; DCG = 0.6309298.
		{"ideal cut at k", []string{"x", "a"}, map[string]int{"a": 1, "b": 1, "c": 1}, 2, 0.3868528},
		{"beyond k", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a"}, map[string]int{"a": 1}, 10, 0},
		{"grade 0 gains nothing", []string{"z", "a"}, map[string]int{"a": 1, "z": 0}, 10, 0.6309298},
		{"nothing relevant", []string{"a"}, map[string]int{"a": 0}, 10, 0},
		{"empty ranking", nil, map[string]int{"a": 1}, 10, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scifact.NDCG(tt.ranking, tt.judged, tt.k); math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("NDCG = %.7f, want %.7f", got, tt.want)
			}
		})
	}
}

func TestRecall(t *testing.T) {
	judged := map[string]int{"a": 1, "b": 1, "c": 0}
	tests := []struct {
		name    string
		ranking []string
		k       int
		want    float64
	}{
		{"half found", []string{"a", "x", "c"}, 100, 0.5},
		{"all found", []string{"b", "a"}, 100, 1},
		{"cut at k", []string{"x", "a", "b"}, 1, 0},
		{"duplicate counts once", []string{"a", "a"}, 100, 0.5},
		{"empty", nil, 100, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scifact.Recall(tt.ranking, judged, tt.k); got != tt.want {
				t.Errorf("Recall = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEvaluateCountsMissingQueriesAsZero(t *testing.T) {
	qrels := scifact.Qrels{"q1": {"a": 1}, "q2": {"b": 1}}
	s := scifact.Evaluate(map[string][]string{"q1": {"a"}}, qrels)
	if s.Queries != 2 || s.NDCG10 != 0.5 || s.Recall100 != 0.5 {
		t.Errorf("Evaluate = %+v, want 2 queries, nDCG 0.5, recall 0.5", s)
	}
}

func TestReadQrels(t *testing.T) {
	q, err := scifact.ReadQrels(strings.NewReader("query-id\tcorpus-id\tscore\n1\td1\t1\n1\td2\t2\n3\td1\t1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 2 || q["1"]["d2"] != 2 || q["1"]["d1"] != 1 || q["3"]["d1"] != 1 {
		t.Errorf("ReadQrels = %v", q)
	}
	for _, bad := range []string{"1\td1\n", "1\td1\tx\n"} {
		if _, err := scifact.ReadQrels(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadQrels(%q): no error", bad)
		}
	}
}
