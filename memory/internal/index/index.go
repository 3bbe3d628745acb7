package index

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	zap "github.com/blevesearch/zapx/v16"
)

// Doc is one indexed text: a message, a memory or a document chunk.
type Doc struct {
	ID   string // unique id chosen by the caller, e.g. "m42"
	Kind string // filter key, e.g. "message" or "memory"
	Text string
	// Stem indexes Text with English stemming and stop words, in its own
	// field that only SearchStemmed reads (document chunks), instead of
	// the plain field that Search reads.
	Stem bool
}

// Hit is one search result.
type Hit struct {
	ID    string
	Score float64
}

// ErrClosed reports use of a closed index.
var ErrClosed = errors.New("index: closed")

// Index is an in-memory Bleve index. It is safe for concurrent use.
type Index struct {
	mu    sync.Mutex // serialises writers and snapshots; bleve handles readers
	bi    bleve.Index
	sc    *scorch.Scorch
	inbox *inbox
	keys  map[*zap.SegmentBase]uint64 // stable key of each segment
	saved map[uint64]bool             // keys the caller has stored
	next  uint64                      // next segment key
}

// New returns an empty index.
func New() (*Index, error) {
	in := &inbox{}
	cfg := map[string]interface{}{
		"forceSegmentType":    pluginType,
		"forceSegmentVersion": int(zap.Version),
		"segmentConfig":       map[string]interface{}{inboxKey: in},
	}
	bi, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, cfg)
	if err != nil {
		return nil, fmt.Errorf("new index: %w", err)
	}
	adv, err := bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("new index: %w", err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, fmt.Errorf("new index: engine is %T, not scorch", adv)
	}
	return &Index{bi: bi, sc: sc, inbox: in, keys: map[*zap.SegmentBase]uint64{}, saved: map[uint64]bool{}, next: 1}, nil
}

// Fields of an indexed document.
const (
	fieldText = "t" // text analysed by the standard analyzer
	fieldStem = "e" // text analysed with English stemming (Doc.Stem)
	fieldKind = "k" // the kind, one keyword
)

// newMapping indexes three fields: "t", the analysed text, "e", the
// stemmed text of Stem documents, and "k", the kind as one keyword.
// Nothing is stored: results are ids only.
func newMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = "standard"
	text.Store, text.IncludeTermVectors, text.IncludeInAll, text.DocValues = false, false, false, false
	stem := bleve.NewTextFieldMapping()
	stem.Analyzer = en.AnalyzerName
	stem.Store, stem.IncludeTermVectors, stem.IncludeInAll, stem.DocValues = false, false, false, false
	kind := bleve.NewKeywordFieldMapping()
	kind.Store, kind.IncludeTermVectors, kind.IncludeInAll, kind.DocValues = false, false, false, false
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, text)
	doc.AddFieldMappingsAt(fieldStem, stem)
	doc.AddFieldMappingsAt(fieldKind, kind)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	return m
}

// Put indexes docs as one batch, replacing documents with the same ids.
func (x *Index) Put(docs ...Doc) error {
	if len(docs) == 0 {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	b := x.bi.NewBatch()
	for _, d := range docs {
		field := fieldText
		if d.Stem {
			field = fieldStem
		}
		if err := b.Index(d.ID, map[string]interface{}{field: d.Text, fieldKind: d.Kind}); err != nil {
			return fmt.Errorf("index put %s: %w", d.ID, err)
		}
	}
	if err := x.bi.Batch(b); err != nil {
		return fmt.Errorf("index put: %w", err)
	}
	return nil
}

// Delete removes documents by id; unknown ids are ignored.
func (x *Index) Delete(ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	b := x.bi.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	if err := x.bi.Batch(b); err != nil {
		return fmt.Errorf("index delete: %w", err)
	}
	return nil
}

// Count returns the number of live documents.
func (x *Index) Count() (uint64, error) {
	n, err := x.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("index count: %w", err)
	}
	return n, nil
}

// Search returns up to k documents matching text, best first, restricted
// to the given kinds when any are named.
func (x *Index) Search(ctx context.Context, text string, k int, kinds ...string) ([]Hit, error) {
	return x.search(ctx, fieldText, text, k, kinds)
}

// SearchStemmed returns up to k Stem documents matching text, best
// first, the query analysed with the same English stemming.
func (x *Index) SearchStemmed(ctx context.Context, text string, k int) ([]Hit, error) {
	return x.search(ctx, fieldStem, text, k, nil)
}

func (x *Index) search(ctx context.Context, field, text string, k int, kinds []string) ([]Hit, error) {
	match := bleve.NewMatchQuery(text)
	match.SetField(field)
	var q query.Query = match
	if len(kinds) > 0 {
		any := bleve.NewDisjunctionQuery()
		for _, kind := range kinds {
			tq := bleve.NewTermQuery(kind)
			tq.SetField(fieldKind)
			any.AddQuery(tq)
		}
		q = bleve.NewConjunctionQuery(match, any)
	}
	req := bleve.NewSearchRequestOptions(q, k, 0, false)
	res, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index search: %w", err)
	}
	hits := make([]Hit, len(res.Hits))
	for i, h := range res.Hits {
		hits[i] = Hit{ID: h.ID, Score: h.Score}
	}
	return hits, nil
}

// Close releases the index. Its memory holds plaintext terms: drop every
// reference to the Index after Close.
func (x *Index) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.bi == nil {
		return ErrClosed
	}
	err := x.bi.Close()
	x.bi, x.sc, x.keys = nil, nil, nil
	if err != nil {
		return fmt.Errorf("index close: %w", err)
	}
	return nil
}
