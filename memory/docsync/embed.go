package docsync

import (
	"context"
	"fmt"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// EmbedBatch is how many chunks one embedding call takes and one
// transaction stores.
const EmbedBatch = 32

// EmbedProgress is how far an embedding pass has come: chunks with a
// vector of the model, of all the library's chunks.
type EmbedProgress struct {
	Model    string        `json:"model"`
	Embedded int           `json:"embedded"`
	Chunks   int           `json:"chunks"`
	Done     int           `json:"done"` // chunks this pass embedded
	Elapsed  time.Duration `json:"elapsed"`
}

// ChunksPerSecond is this pass's rate so far; 0 before its first batch.
func (p EmbedProgress) ChunksPerSecond() float64 {
	if p.Done == 0 || p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Done) / p.Elapsed.Seconds()
}

// Left estimates the time to embed the rest at this pass's rate; 0
// while the rate is unknown.
func (p EmbedProgress) Left() time.Duration {
	r := p.ChunksPerSecond()
	if r == 0 {
		return 0
	}
	return time.Duration(float64(p.Chunks-p.Embedded) / r * float64(time.Second))
}

// Percent is the share of chunks embedded, 0 to 100.
func (p EmbedProgress) Percent() int {
	if p.Chunks == 0 {
		return 100
	}
	return p.Embedded * 100 / p.Chunks
}

// Embed gives every chunk of the library without a vector of e's model
// one, EmbedBatch chunks at a time, each batch committed on its own: a
// cancelled or killed pass keeps its finished batches and the next pass
// embeds only the rest. It runs after a keyword Sync, so search works
// while it fills in. progress, when set, is called after each batch. It
// returns how many chunks it embedded.
func Embed(ctx context.Context, st *memory.Store, e memory.ModelEmbedder, progress func(EmbedProgress)) (int, error) {
	m, err := e.Model(ctx)
	if err != nil {
		return 0, err
	}
	cov, err := st.VectorCoverage(ctx, m)
	if err != nil {
		return 0, err
	}
	began, done, after := time.Now(), 0, int64(0)
	for {
		n, err := embedBatch(ctx, st, e, m, &after)
		if err != nil || n == 0 {
			return done, err
		}
		done += n
		if progress != nil {
			progress(EmbedProgress{Model: m.Name, Embedded: min(cov.Embedded+done, cov.Chunks), Chunks: cov.Chunks,
				Done: done, Elapsed: time.Since(began)})
		}
	}
}

// embedBatch embeds and stores the next batch of chunks above *after,
// and moves *after past it; 0 when none is left.
func embedBatch(ctx context.Context, st *memory.Store, e memory.Embedder, m memory.VectorModel, after *int64) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	todo, err := st.ChunksWithoutVectors(ctx, m, *after, EmbedBatch)
	if err != nil || len(todo) == 0 {
		return 0, err
	}
	*after = todo[len(todo)-1].ChunkID
	texts := make([]string, len(todo))
	for i, c := range todo {
		texts[i] = c.Text
	}
	vecs, err := e.Embed(ctx, texts)
	if err != nil {
		return 0, fmt.Errorf("embed chunks: %w", err)
	}
	if len(vecs) != len(todo) {
		return 0, fmt.Errorf("embed chunks: %d vectors for %d chunks", len(vecs), len(todo))
	}
	out := make([]memory.ChunkVector, len(todo))
	for i, c := range todo {
		out[i] = memory.ChunkVector{ChunkID: c.ChunkID, Vector: vecs[i]}
	}
	return len(out), st.PutVectors(ctx, m, out)
}
