// Package scifact measures Hearth's document search on BEIR SciFact: it
// reads the corpus, queries and relevance judgments, writes the corpus as
// one Markdown file per abstract, runs queries through `hearth docs search`
// and scores the rankings with nDCG@k and recall@k as trec_eval defines
// them (the definitions BEIR reports).
//
// The programs under cmd/ use it: cmd/eval is `make eval`; cmd/bm25probe
// compares Bleve mappings on the corpus directly, without Hearth.
package scifact
