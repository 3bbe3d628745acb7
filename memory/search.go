package memory

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/memory/internal/index"
)

// Kinds of searchable record.
const (
	KindMessage = "message"
	KindMemory  = "memory"
)

// Hit is one search result: a message or a memory. Text is the record's
// text, decrypted for display.
type Hit struct {
	Kind           string  `json:"kind"`
	ID             int64   `json:"id"`
	ConversationID int64   `json:"conversation_id,omitempty"`
	Text           string  `json:"text"`
	Score          float64 `json:"score"`
}

// Search finds up to k messages and memories matching query (BM25 over
// the in-memory index), best first; kinds restricts the result to
// KindMessage or KindMemory. The query is never stored or logged.
func (s *Store) Search(ctx context.Context, query string, k int, kinds ...string) ([]Hit, error) {
	idx, err := s.searchIndex(ctx)
	if err != nil || idx == nil {
		return nil, err
	}
	hits, err := idx.Search(ctx, query, k, kinds...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := make([]Hit, 0, len(hits))
	for _, h := range hits {
		hit, ok, err := s.resolve(ctx, h.ID)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if ok {
			hit.Score = h.Score
			out = append(out, hit)
		}
	}
	return out, nil
}

// resolve loads the record behind an index document id; ok is false when
// it was deleted since the search.
func (s *Store) resolve(ctx context.Context, doc string) (Hit, bool, error) {
	if id, ok := parseMemoryDoc(doc); ok {
		m, err := s.Memory(ctx, id)
		if err != nil {
			return Hit{}, false, ignoreNotFound(err)
		}
		return Hit{Kind: KindMemory, ID: m.ID, Text: m.Text}, true, nil
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(doc, "m"), 10, 64)
	if err != nil || !strings.HasPrefix(doc, "m") {
		return Hit{}, false, fmt.Errorf("unknown index document %q", doc)
	}
	m, err := s.Message(ctx, id)
	if err != nil {
		return Hit{}, false, ignoreNotFound(err)
	}
	return Hit{Kind: KindMessage, ID: m.ID, ConversationID: m.ConversationID, Text: m.Text}, true, nil
}

// searchIndex returns the in-memory index, loading it first when the
// store was opened WithLazyIndex and nothing has needed it yet.
func (s *Store) searchIndex(ctx context.Context) (*index.Index, error) {
	s.mu.RLock()
	idx, locked, spilled := s.idx, s.key == nil || s.closed, s.spilled()
	s.mu.RUnlock()
	if locked {
		return nil, s.state()
	}
	if (idx != nil && !spilled) || !s.opts.lazy {
		return idx, s.state()
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.state(); err != nil {
		return nil, err
	}
	switch {
	case s.spilled():
		if err := s.unspill(ctx); err != nil {
			return nil, err
		}
	case s.idx == nil:
		if err := s.loadIndex(ctx); err != nil {
			return nil, err
		}
	}
	return s.idx, nil
}
