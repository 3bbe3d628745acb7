package scifact

import (
	"math"
	"slices"
)

// NDCG returns nDCG@k of one ranking (document ids, best first) against
// one query's judgments, as trec_eval's ndcg_cut computes it: the gain of
// the document at rank i (1-based) is its relevance grade, discounted by
// log2(i+1); the ideal DCG ranks all judged documents with grade > 0 by
// grade; unjudged documents and grades <= 0 gain nothing. A query with no
// relevant document scores 0.
func NDCG(ranking []string, judged map[string]int, k int) float64 {
	var dcg float64
	for i, id := range ranking[:min(k, len(ranking))] {
		if g := judged[id]; g > 0 {
			dcg += float64(g) / math.Log2(float64(i+2))
		}
	}
	var grades []int
	for _, g := range judged {
		if g > 0 {
			grades = append(grades, g)
		}
	}
	slices.Sort(grades)
	slices.Reverse(grades)
	var ideal float64
	for i, g := range grades[:min(k, len(grades))] {
		ideal += float64(g) / math.Log2(float64(i+2))
	}
	if ideal == 0 {
		return 0
	}
	return dcg / ideal
}

// Recall returns recall@k: the share of the judged documents with grade
// > 0 that appear in the first k of ranking. A query with no relevant
// document scores 0.
func Recall(ranking []string, judged map[string]int, k int) float64 {
	rel := 0
	for _, g := range judged {
		if g > 0 {
			rel++
		}
	}
	if rel == 0 {
		return 0
	}
	found := 0
	seen := map[string]bool{}
	for _, id := range ranking[:min(k, len(ranking))] {
		if judged[id] > 0 && !seen[id] {
			found++
		}
		seen[id] = true
	}
	return float64(found) / float64(rel)
}

// Scores are a run's mean metrics over the judged queries.
type Scores struct {
	NDCG10    float64
	Recall100 float64
	Queries   int
}

// Evaluate averages nDCG@10 and recall@100 over every query in qrels; a
// query missing from runs (no results) counts as 0, like trec_eval -c.
func Evaluate(runs map[string][]string, qrels Qrels) Scores {
	var s Scores
	for qid, judged := range qrels {
		s.NDCG10 += NDCG(runs[qid], judged, 10)
		s.Recall100 += Recall(runs[qid], judged, 100)
		s.Queries++
	}
	if s.Queries > 0 {
		s.NDCG10 /= float64(s.Queries)
		s.Recall100 /= float64(s.Queries)
	}
	return s
}
