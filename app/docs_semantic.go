package app

import (
	"context"
	"sync"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
)

// EventDocsSemantic says how far the semantic index (the embedding pass
// behind keyword indexing) has come: DocsSemantic.
const EventDocsSemantic = "docs:semantic"

// DocsSemantic is the embedding pass's progress, for the window.
type DocsSemantic struct {
	Model           string  `json:"model"`
	Embedded        int     `json:"embedded"` // chunks with a vector of the model
	Chunks          int     `json:"chunks"`   // chunks in the library
	Percent         int     `json:"percent"`
	ChunksPerSecond float64 `json:"chunksPerSecond"` // 0 until known
	SecondsLeft     float64 `json:"secondsLeft"`     // 0 until known
	Paused          bool    `json:"paused"`          // waiting for a chat answer to finish
}

func newDocsSemantic(p docsync.EmbedProgress, paused bool) DocsSemantic {
	return DocsSemantic{Model: p.Model, Embedded: p.Embedded, Chunks: p.Chunks, Percent: p.Percent(),
		ChunksPerSecond: p.ChunksPerSecond(), SecondsLeft: p.Left().Seconds(), Paused: paused}
}

// yieldingEmbedder is the embedding pass's embedder in the window: before
// each batch it waits while a chat answer is being generated, so the
// answer has the cores to itself, and says so through paused. A batch
// already started finishes first (EmbedBatch chunks, seconds at most).
type yieldingEmbedder struct {
	memory.ModelEmbedder
	chat   *generations
	paused func()
}

func (e yieldingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if e.chat.running() {
		e.paused()
		if err := e.chat.waitIdle(ctx); err != nil {
			return nil, err
		}
	}
	return e.ModelEmbedder.Embed(ctx, texts)
}

// semanticReporter sends the embedding pass's progress as events, at
// most one every progressEvery but always the last, and the pauses.
type semanticReporter struct {
	events Events
	mu     sync.Mutex
	last   time.Time
	latest docsync.EmbedProgress
}

// begin sends where the semantic index stands before a pass, when
// chunks wait for a vector: the window shows "semantic index 40%" at
// once, and the pass's first pause has figures to show.
func (r *semanticReporter) begin(ctx context.Context, st *memory.Store, e memory.ModelEmbedder) error {
	m, err := e.Model(ctx)
	if err != nil {
		return err
	}
	cov, err := st.VectorCoverage(ctx, m)
	if err != nil || cov.Embedded >= cov.Chunks {
		return err
	}
	r.progress(docsync.EmbedProgress{Model: m.Name, Embedded: cov.Embedded, Chunks: cov.Chunks})
	return nil
}

func (r *semanticReporter) progress(p docsync.EmbedProgress) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.latest = p
	if time.Since(r.last) < progressEvery && p.Embedded < p.Chunks {
		return
	}
	r.last = time.Now()
	r.events.Emit(EventDocsSemantic, newDocsSemantic(p, false))
}

func (r *semanticReporter) paused() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.latest.Model == "" { // before the first batch: nothing to show yet
		return
	}
	r.events.Emit(EventDocsSemantic, newDocsSemantic(r.latest, true))
}
