package main

import (
	"context"
	"hash/fnv"
	"math"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/internal/scifact"
	"github.com/hearth-app/hearth/memory/internal/vecindex"
)

// hashDim is the width of the hashed bag-of-words vectors.
const hashDim = 768

// hashedVectors is a stand-in second retriever for exercising vecindex
// and Fuse on real data without an embedding model: each text becomes a
// feature-hashed, idf-weighted bag of its en-analysed terms. It is
// lexical, not semantic, so it measures the plumbing and how RRF behaves
// with a weaker, correlated ranking — not what a real model would add.
type hashedVectors struct {
	an  analysis.Analyzer
	idf map[string]float64
	x   *vecindex.Index
}

// newHashedVectors analyses and indexes the corpus.
func newHashedVectors(d *scifact.Dataset) (*hashedVectors, error) {
	cache := registry.NewCache()
	an, err := cache.AnalyzerNamed("en")
	if err != nil {
		return nil, err
	}
	x, err := vecindex.New(hashDim)
	if err != nil {
		return nil, err
	}
	h := &hashedVectors{an: an, idf: map[string]float64{}, x: x}
	terms := make([]map[string]int, len(d.Corpus))
	for i, doc := range d.Corpus {
		terms[i] = h.terms(doc.Title + "\n\n" + doc.Text)
		for t := range terms[i] {
			h.idf[t]++
		}
	}
	n := float64(len(d.Corpus))
	for t, df := range h.idf {
		h.idf[t] = math.Log(1 + n/df)
	}
	for i := range d.Corpus {
		if v := h.vector(terms[i]); v != nil {
			if err := x.Put(int64(i), v); err != nil {
				return nil, err
			}
		}
	}
	return h, nil
}

// terms counts the analysed terms of text.
func (h *hashedVectors) terms(text string) map[string]int {
	out := map[string]int{}
	for _, tok := range h.an.Analyze([]byte(text)) {
		out[string(tok.Term)]++
	}
	return out
}

// vector hashes terms into hashDim signed buckets, weight (1+log tf)·idf;
// nil when no term is known.
func (h *hashedVectors) vector(terms map[string]int) []float32 {
	v := make([]float32, hashDim)
	any := false
	for t, tf := range terms {
		idf, ok := h.idf[t]
		if !ok {
			continue
		}
		f := fnv.New64a()
		f.Write([]byte(t))
		s := f.Sum64()
		w := float32((1 + math.Log(float64(tf))) * idf)
		if s>>63 == 1 {
			w = -w
		}
		v[s%hashDim] += w
		any = true
	}
	if !any {
		return nil
	}
	return v
}

// search returns up to k corpus indices for text.
func (h *hashedVectors) search(ctx context.Context, text string, k int) ([]int64, error) {
	v := h.vector(h.terms(text))
	if v == nil {
		return nil, nil
	}
	hits, err := h.x.Search(ctx, v, k)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(hits))
	for i, hit := range hits {
		ids[i] = hit.ID
	}
	return ids, nil
}

// fuseRuns fuses each query's keyword ranking with its hashed-vector
// ranking by RRF and returns both the vector-only and the fused runs.
func fuseRuns(ctx context.Context, d *scifact.Dataset, keyword map[string][]string) (vec, fused map[string][]string, err error) {
	h, err := newHashedVectors(d)
	if err != nil {
		return nil, nil, err
	}
	vec, fused = map[string][]string{}, map[string][]string{}
	for _, q := range d.Queries {
		idx, err := h.search(ctx, q.Text, 100)
		if err != nil {
			return nil, nil, err
		}
		for _, i := range idx {
			vec[q.ID] = append(vec[q.ID], d.Corpus[i].ID)
		}
		for _, f := range memory.Fuse(0, keyword[q.ID], vec[q.ID]) {
			fused[q.ID] = append(fused[q.ID], f.ID)
		}
	}
	return vec, fused, nil
}
