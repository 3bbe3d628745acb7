package memory

import (
	"context"
	"fmt"
)

// Stats counts what the store holds.
type Stats struct {
	Conversations int    `json:"conversations"`
	Messages      int    `json:"messages"`
	Memories      int    `json:"memories"`
	Chunks        int    `json:"chunks"`  // pieces of the document library's files
	Indexed       uint64 `json:"indexed"` // messages, memories and chunks in the search index
}

// Stats returns the store's counts.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	idx, err := s.searchIndex(ctx)
	if err != nil {
		return Stats{}, err
	}
	var st Stats
	err = s.r.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM conversations),
		(SELECT COUNT(*) FROM messages), (SELECT COUNT(*) FROM memories),
		(SELECT COUNT(*) FROM chunks)`).Scan(&st.Conversations, &st.Messages, &st.Memories, &st.Chunks)
	if err != nil {
		return Stats{}, dbError("stats", err)
	}
	if idx != nil {
		if st.Indexed, err = idx.Count(); err != nil {
			return Stats{}, fmt.Errorf("stats: %w", err)
		}
	}
	return st, nil
}
