package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// chunkTokens is the length of each embedded chunk, special tokens
// included: about what the document indexer sends.
const chunkTokens = 250

// embedModels returns the embedding shapes the benchmark measures, with
// random weights, in F16 and Q8_0 (the catalog's downloads are Q8_0):
// bge-small-en-v1.5 (bert, 384 wide, 12 layers) and nomic-embed-text-v1.5
// (nomic-bert, 768 wide, 12 layers), both on BERT's WordPiece vocabulary.
func embedModels() []benchModel {
	vocab := filepath.Join(llamaref.TestData(), "vocab", "ggml-vocab-bert-bge.gguf")
	shapes := []benchModel{
		{Name: "bge-small", Shape: "bge-small-en-v1.5", Spec: modelgen.Spec{Arch: "bert", Name: "bge-small shape",
			Dim: 384, Layers: 12, Heads: 12, FFN: 1536, Context: 512, Seed: 1, Vocab: vocab}},
		{Name: "nomic-embed", Shape: "nomic-embed-text-v1.5", Spec: modelgen.Spec{Arch: "nomic-bert", Name: "nomic-embed shape",
			Dim: 768, Layers: 12, Heads: 12, FFN: 3072, Context: 2048, Seed: 1, Vocab: vocab}},
	}
	var out []benchModel
	for _, s := range shapes {
		for _, t := range []quant.Type{quant.F16, quant.Q8_0} {
			m := s
			m.Type, m.Name, m.Spec.Type = t.String(), s.Name+"-"+t.String(), t
			out = append(out, m)
		}
	}
	return out
}

// embedRow is one embedding model's line: median tokens per second.
type embedRow struct {
	Model         benchModel
	Hearth, Llama float64
}

// runEmbed measures embedding throughput on every embedding model the
// configuration selects and reports them (also in embed-results.md).
func runEmbed(c config) error {
	n, err := envInt("BENCH_CHUNKS", 16)
	if err != nil || n < 1 {
		return fmt.Errorf("BENCH_CHUNKS: %v (at least 1)", err)
	}
	chunks := embedChunks(n)
	var rows []embedRow
	for _, m := range embedModels() {
		if !c.wants(m.Name) {
			continue
		}
		if err := m.ensure(c.Dir); err != nil {
			return fmt.Errorf("generate %s: %w", m.Name, err)
		}
		r, err := measureEmbed(m, m.path(c.Dir), chunks, c)
		if err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
		rows = append(rows, r)
	}
	md := embedMarkdown(rows, c, n)
	fmt.Print(md)
	return os.WriteFile(filepath.Join(c.Dir, "embed-results.md"), []byte(md), 0o644)
}

// embedChunks returns n chunks of chunkTokens tokens: [CLS], ordinary
// WordPiece tokens cycling through the vocabulary, [SEP].
func embedChunks(n int) [][]int32 {
	out := make([][]int32, n)
	for i := range out {
		c := []int32{101}
		for j := 1; j < chunkTokens-1; j++ {
			c = append(c, int32(1000+(i*chunkTokens+j)*7919%29000))
		}
		out[i] = append(c, 102)
	}
	return out
}

// measureEmbed runs Hearth (in this process) and llama.cpp (node-llama-cpp)
// alternately c.Runs times and keeps the median throughputs.
func measureEmbed(m benchModel, path string, chunks [][]int32, c config) (embedRow, error) {
	var hs, ls []float64
	tokens := float64(len(chunks) * chunkTokens)
	for range c.Runs {
		fmt.Fprintf(os.Stderr, "%s: hearth ...", m.Name)
		s, err := hearthEmbedSeconds(path, chunks, c.Threads)
		if err != nil {
			return embedRow{}, err
		}
		hs = append(hs, tokens/s)
		fmt.Fprintf(os.Stderr, " %.0f tok/s; llama.cpp ...", tokens/s)
		l, err := llamaref.MeasureEmbed(path, chunks, m.Spec.Context, c.Threads)
		if err != nil {
			return embedRow{}, err
		}
		ls = append(ls, float64(l.Tokens)/l.Seconds)
		fmt.Fprintf(os.Stderr, " %.0f tok/s\n", float64(l.Tokens)/l.Seconds)
	}
	return embedRow{Model: m, Hearth: median(hs), Llama: median(ls)}, nil
}

// hearthEmbedSeconds times Hearth embedding all chunks in one call (packed
// into passes as the engine packs them), after one chunk of warm-up.
func hearthEmbedSeconds(path string, chunks [][]int32, threads int) (float64, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	e, err := model.LoadEmbedder(f)
	if err != nil {
		return 0, err
	}
	pool := kernel.NewPool(threads)
	defer pool.Close()
	ctx := context.Background()
	if _, err := e.Embed(ctx, pool, chunks[:1]); err != nil {
		return 0, err
	}
	start := time.Now()
	if _, err := e.Embed(ctx, pool, chunks); err != nil {
		return 0, err
	}
	return time.Since(start).Seconds(), nil
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}

// embedMarkdown renders the embedding table.
func embedMarkdown(rows []embedRow, c config, chunks int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Embedding throughput, %d chunks of %d tokens, %d threads, median of %d runs (%s, %d cores):\n\n",
		chunks, chunkTokens, c.Threads, c.Runs, cpuModel(), runtime.NumCPU())
	b.WriteString("| model | shape | weights | Hearth tok/s | llama.cpp tok/s | Hearth / llama.cpp |\n")
	b.WriteString("|---|---|---|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %.0f | %.0f | %.2f× |\n", r.Model.Name, r.Model.Shape, r.Model.Type, r.Hearth, r.Llama, r.Hearth/r.Llama)
	}
	return b.String()
}
