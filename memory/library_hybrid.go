package memory

import (
	"context"
	"fmt"
)

// hybridDepth is how many chunks each retriever ranks before fusion, at
// least: a chunk ranked 40th by one list and 3rd by the other may still
// reach the fused top k.
const hybridDepth = 100

// SearchDocumentsHybrid finds up to k chunks for query by fusing BM25
// (KeywordChunks) with the cosine of query vector q against the chunks'
// vectors of model m (VectorChunks), by reciprocal rank fusion (Fuse,
// k = RRFK). q must be the embedder's query form of query (with the
// model's query prefix). With no vector of m stored it is keyword search
// alone, as SearchDocuments. A hit's Score is its fused score.
func (s *Store) SearchDocumentsHybrid(ctx context.Context, query string, m VectorModel, q []float32, k int) ([]DocHit, error) {
	depth := max(k, hybridDepth)
	kw, err := s.KeywordChunks(ctx, query, depth)
	if err != nil {
		return nil, err
	}
	cov, err := s.VectorCoverage(ctx, m)
	if err != nil {
		return nil, err
	}
	if cov.Embedded == 0 {
		return s.ResolveChunks(ctx, query, kw[:min(k, len(kw))])
	}
	vec, err := s.VectorChunks(ctx, m, q, depth)
	if err != nil {
		return nil, err
	}
	fused := Fuse(RRFK, chunkIDs(kw), chunkIDs(vec))
	ranked := make([]ChunkScore, 0, min(k, len(fused)))
	for _, f := range fused[:min(k, len(fused))] {
		ranked = append(ranked, ChunkScore{ChunkID: f.ID, Score: f.Score})
	}
	return s.ResolveChunks(ctx, query, ranked)
}

// chunkIDs returns the ids of a ranked list, in its order.
func chunkIDs(r []ChunkScore) []int64 {
	out := make([]int64, len(r))
	for i, c := range r {
		out[i] = c.ChunkID
	}
	return out
}

// SearchLibrary is the document search the app calls: hybrid
// (SearchDocumentsHybrid) when the store's embedder (WithEmbedder) is a
// ModelEmbedder with a model and the query embeds, keyword search
// (SearchDocuments) otherwise, so search works without any embedding
// model. Why it fell back is logged, never the query.
func (s *Store) SearchLibrary(ctx context.Context, query string, k int) ([]DocHit, error) {
	e, ok := s.opts.embed.(ModelEmbedder)
	if !ok {
		return s.SearchDocuments(ctx, query, k)
	}
	return s.SearchDocumentsWith(ctx, e, query, k)
}

// SearchDocumentsWith is SearchLibrary with embedder e.
func (s *Store) SearchDocumentsWith(ctx context.Context, e ModelEmbedder, query string, k int) ([]DocHit, error) {
	m, err := e.Model(ctx)
	if err != nil {
		s.opts.log.Debug("document search by keyword only", "reason", err)
		return s.SearchDocuments(ctx, query, k)
	}
	qv, err := e.EmbedQuery(ctx, []string{query})
	if err == nil && len(qv) != 1 {
		err = fmt.Errorf("embedder returned %d vectors for one query", len(qv))
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		s.opts.log.Warn("document search by keyword only: the query could not be embedded", "err", err)
		return s.SearchDocuments(ctx, query, k)
	}
	return s.SearchDocumentsHybrid(ctx, query, m, qv[0], k)
}
