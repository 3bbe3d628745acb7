// Command bm25probe measures keyword-search quality on BEIR SciFact for
// several Bleve mappings, so the document index can use the one that
// reaches the published BM25 baseline (0.665 nDCG@10). It indexes the
// corpus in Bleve's in-memory index — no Hearth, no files — and prints
// nDCG@10 and recall@100 per mapping. It is a measurement, not a test.
//
//	go run ./memory/internal/scifact/cmd/bm25probe [-split train] [-fuse]
//
// With -fuse it runs only the en/bm25 mapping and fuses it with a
// stand-in vector retriever (hashvec.go) through vecindex and
// memory.Fuse: a check of those pieces on real data, not a measure of
// what an embedding model adds.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/hearth-app/hearth/memory/internal/scifact"
)

// variant is one mapping and query shape under test.
type variant struct {
	name     string
	analyzer string
	scoring  string  // "" is Bleve's default (tf-idf), or index.BM25Scoring
	title    float64 // > 0: title in its own field too, matched with this boost
}

var variants = []variant{
	{"current: standard, tf-idf (memory/internal/index today)", standard.Name, "", 0},
	{"standard, bm25", standard.Name, index.BM25Scoring, 0},
	{"en (stem+stop), tf-idf", en.AnalyzerName, "", 0},
	{"en, bm25", en.AnalyzerName, index.BM25Scoring, 0},
	{"en, bm25, + title field boost 0.5", en.AnalyzerName, index.BM25Scoring, 0.5},
	{"en, bm25, + title field boost 2", en.AnalyzerName, index.BM25Scoring, 2},
}

func main() {
	split := flag.String("split", "train", "qrels split")
	fuse := flag.Bool("fuse", false, "also fuse the best keyword run with hashed bag-of-words vectors (vecindex + RRF)")
	flag.Parse()
	d, err := scifact.Load(scifact.Dir("."), *split)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("SciFact %s: %d docs, %d judged queries\n\n", *split, len(d.Corpus), len(d.Queries))
	fmt.Printf("| mapping | nDCG@10 | recall@100 | index s |\n|---|---|---|---|\n")
	list := variants
	if *fuse {
		list = variants[3:4] // en, bm25
	}
	for _, v := range list {
		s, runs, took, err := measure(context.Background(), d, v)
		if err != nil {
			log.Fatalf("%s: %v", v.name, err)
		}
		fmt.Printf("| %s | %.4f | %.4f | %.1f |\n", v.name, s.NDCG10, s.Recall100, took.Seconds())
		if *fuse {
			vec, fused, err := fuseRuns(context.Background(), d, runs)
			if err != nil {
				log.Fatal(err)
			}
			sv, sf := scifact.Evaluate(vec, d.Qrels), scifact.Evaluate(fused, d.Qrels)
			fmt.Printf("| hashed bag-of-words vectors (vecindex, int8) | %.4f | %.4f | |\n", sv.NDCG10, sv.Recall100)
			fmt.Printf("| RRF(k=60) of the two above | %.4f | %.4f | |\n", sf.NDCG10, sf.Recall100)
		}
	}
	os.Exit(0)
}

// measure indexes the corpus under v and scores every judged query.
func measure(ctx context.Context, d *scifact.Dataset, v variant) (scifact.Scores, map[string][]string, time.Duration, error) {
	start := time.Now()
	// Scorch with no path is in memory, as in memory/internal/index; Bleve's
	// NewMemOnly would pick upside_down, which ignores BM25 scoring.
	bi, err := bleve.NewUsing("", newMapping(v), scorch.Name, scorch.Name, nil)
	if err != nil {
		return scifact.Scores{}, nil, 0, err
	}
	defer bi.Close()
	b := bi.NewBatch()
	for i, doc := range d.Corpus {
		// The text a file holds: the title as a Markdown heading, then the abstract.
		fields := map[string]any{"t": "# " + doc.Title + "\n\n" + doc.Text}
		if v.title > 0 {
			fields["title"] = doc.Title
		}
		if err := b.Index(doc.ID, fields); err != nil {
			return scifact.Scores{}, nil, 0, err
		}
		if b.Size() == 500 || i == len(d.Corpus)-1 {
			if err := bi.Batch(b); err != nil {
				return scifact.Scores{}, nil, 0, err
			}
			b = bi.NewBatch()
		}
	}
	took := time.Since(start)
	runs := map[string][]string{}
	for _, q := range d.Queries {
		res, err := bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(newQuery(q.Text, v), 100, 0, false))
		if err != nil {
			return scifact.Scores{}, nil, 0, err
		}
		for _, h := range res.Hits {
			runs[q.ID] = append(runs[q.ID], h.ID)
		}
	}
	return scifact.Evaluate(runs, d.Qrels), runs, took, nil
}

// newMapping is memory/internal/index's mapping with v's analyzer and
// scoring, plus a title field when v boosts titles.
func newMapping(v variant) mapping.IndexMapping {
	field := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = v.analyzer
		f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("t", field())
	if v.title > 0 {
		doc.AddFieldMappingsAt("title", field())
	}
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	m.ScoringModel = v.scoring
	return m
}

// newQuery is memory/internal/index's match query on "t", or'd with a
// boosted match on "title" when v asks for it.
func newQuery(text string, v variant) query.Query {
	match := bleve.NewMatchQuery(text)
	match.SetField("t")
	if v.title == 0 {
		return match
	}
	title := bleve.NewMatchQuery(text)
	title.SetField("title")
	title.SetBoost(v.title)
	return bleve.NewDisjunctionQuery(match, title)
}
