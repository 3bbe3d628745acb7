package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
)

// embedLibrary runs the embedding pass after a keyword sync when an
// embedding model is there (given with --model or installed), showing
// "semantic index N%" on stdio.Err. With none it says search stays
// keyword only; that is no failure.
func embedLibrary(ctx context.Context, stdio IO, st *memory.Store, model string) error {
	e, err := cliEmbedder(ctx, st, model)
	if err != nil {
		return err
	}
	defer e.close()
	if _, err := e.Model(ctx); err != nil {
		if model == "" && isNoEmbeddingModel(err) {
			fmt.Fprintln(stdio.Out, "Search is by keyword: install an embedding model (hearth models) for semantic search.")
			return nil
		}
		return err
	}
	bar := newProgressPrinter(stdio.Err)
	began := time.Now()
	n, err := docsync.Embed(ctx, st, e, bar.updateEmbed)
	bar.finish()
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("stopped; %d chunks were embedded and kept, run 'hearth docs add' again to resume", n)
	}
	if err != nil {
		return fmt.Errorf("semantic index: %w", err)
	}
	fmt.Fprintf(stdio.Out, "Semantic index: %d chunks embedded in %s.\n", n, time.Since(began).Round(time.Millisecond))
	return nil
}

// updateEmbed shows an embedding pass's progress.
func (p *progressPrinter) updateEmbed(g docsync.EmbedProgress) {
	if time.Since(p.last) < p.every() && g.Embedded < g.Chunks {
		return
	}
	p.last = time.Now()
	line := fmt.Sprintf("semantic index %d%% (%d/%d chunks, %s)", g.Percent(), g.Embedded, g.Chunks, g.Model)
	if !p.terminal {
		fmt.Fprintln(p.w, line)
		return
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
	p.drawn = true
}

// semanticStatus is the library's coverage by the embedding model.
type semanticStatus struct {
	Model    string `json:"model,omitempty"`
	Chunks   int    `json:"chunks"`
	Embedded int    `json:"embedded"`
}

// semanticCoverage reads how much of the library the embedding model
// (model, else the first installed) covers; the zero status when no
// model is installed.
func semanticCoverage(ctx context.Context, st *memory.Store, model string) (semanticStatus, error) {
	e, err := cliEmbedder(ctx, st, model)
	if err != nil {
		return semanticStatus{}, err
	}
	defer e.close()
	m, err := e.Model(ctx)
	if isNoEmbeddingModel(err) {
		return semanticStatus{}, nil
	}
	if err != nil {
		return semanticStatus{}, err
	}
	cov, err := st.VectorCoverage(ctx, m)
	return semanticStatus{Model: m.Name, Chunks: cov.Chunks, Embedded: cov.Embedded}, err
}

// printSemantic prints the semantic coverage line of docs status.
func printSemantic(w io.Writer, s semanticStatus) {
	if s.Model == "" {
		fmt.Fprintln(w, "Semantic index: none (no embedding model installed; search is by keyword)")
		return
	}
	pct := 100
	if s.Chunks > 0 {
		pct = s.Embedded * 100 / s.Chunks
	}
	fmt.Fprintf(w, "Semantic index: %d of %d chunks (%d%%) with %s\n", s.Embedded, s.Chunks, pct, s.Model)
}
