package embedded_test

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// writeEmbedModel generates a small F32 embedding model of arch (bert,
// nomic-bert, or qwen3 read at its last token) with the given context.
func writeEmbedModel(t *testing.T, dir, arch string, context int) string {
	t.Helper()
	vocab := filepath.Join(llamaref.TestData(), "vocab")
	s := modelgen.Spec{Arch: arch, Name: "random " + arch, Dim: 128, Layers: 2, Heads: 4, FFN: 256, Context: context,
		Type: quant.F32, Seed: 3, Vocab: filepath.Join(vocab, "ggml-vocab-bert-bge.gguf")}
	if arch == "qwen3" {
		s.Vocab, s.Pre, s.Tied, s.Pooling = filepath.Join(vocab, "ggml-vocab-gpt-2.gguf"), "qwen2", true, "last"
		s.Mutations.Set = map[string]any{"tokenizer.ggml.add_eos_token": true}
	}
	path := filepath.Join(dir, arch+".gguf")
	if err := modelgen.Write(path, s); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBackendEmbedMatchesLlamaCpp embeds texts through the backend (the
// path of `hearth embed` and /v1/embeddings) with a generated model of each
// architecture and compares with llama.cpp's getEmbeddingFor: the same
// dimension and a cosine similarity of at least 0.99999 (F32 weights; the
// model package's tests measure 1-1e-7 and explain the bound).
func TestBackendEmbedMatchesLlamaCpp(t *testing.T) {
	llamaref.Require(t)
	dir := t.TempDir()
	texts := []string{"Hearth keeps your notes on your machine.", "x", "Ça va? 你好, 世界!", "for i := range 10 { sum += i }"}
	archs := []string{"bert", "nomic-bert", "qwen3"}
	var jobs []llamaref.EmbedJob
	for _, a := range archs {
		jobs = append(jobs, llamaref.EmbedJob{Model: writeEmbedModel(t, dir, a, 256), Texts: texts, ContextSize: 256})
	}
	ref := llamaref.Embed(t, jobs)
	b := embedded.NewBackend(embedded.Dir(dir), embedded.Options{Threads: 2})
	defer b.Close()
	for i, a := range archs {
		t.Run(a, func(t *testing.T) {
			got, err := b.Embed(context.Background(), a, texts)
			if err != nil {
				t.Fatal(err)
			}
			for j, want := range ref[i].Vectors {
				if len(got[j]) != len(want) {
					t.Fatalf("text %d: %d dimensions, llama.cpp %d", j, len(got[j]), len(want))
				}
				if c := cosine(got[j], want); !(c >= 0.99999) {
					t.Errorf("text %d: cosine similarity %.7f to llama.cpp, want >= 0.99999", j, c)
				}
			}
		})
	}
}

func TestEmbeddingModelInfo(t *testing.T) {
	dir := t.TempDir()
	path := writeEmbedModel(t, dir, "bert", 64)
	info, err := embedded.Inspect(path)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Embedding || info.Architecture != "bert" || info.ContextLength != 64 || info.Quantization != "F32" {
		t.Errorf("Inspect = %+v, want an F32 bert embedding model with a context of 64", info)
	}
	stories, err := embedded.Inspect(storiesPath())
	if err != nil {
		t.Fatal(err)
	}
	if stories.Embedding {
		t.Errorf("stories260K is listed as an embedding model")
	}
	b := embedded.NewBackend(embedded.Dir(dir), embedded.Options{Threads: 1})
	defer b.Close()
	r := run(context.Background(), b, engine.Request{Model: "bert", Prompt: "hi", Raw: true})
	if !errors.Is(r.err, engine.ErrUnsupported) || !strings.Contains(r.err.Error(), "embedding model") {
		t.Errorf("generating with an embedding model: %v, want a refusal wrapping ErrUnsupported", r.err)
	}
}

// TestEmbedOverflow checks the three answers to a text longer than the
// context: an error, the first tokens, or the mean of the parts.
func TestEmbedOverflow(t *testing.T) {
	path := writeEmbedModel(t, t.TempDir(), "bert", 64)
	m, err := embedded.Open(path, embedded.Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	ctx := context.Background()
	long := strings.Repeat("hello ", 100) // [CLS] hello×100 [SEP]
	if _, err := m.Embed(ctx, []string{long}, embedded.EmbedOptions{}); !errors.Is(err, engine.ErrContextFull) {
		t.Fatalf("a text over the context: %v, want ErrContextFull", err)
	}
	parts, err := m.Embed(ctx, []string{strings.Repeat("hello ", 62), strings.Repeat("hello ", 38)}, embedded.EmbedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	trunc, err := m.Embed(ctx, []string{long}, embedded.EmbedOptions{Overflow: embedded.OverflowTruncate})
	if err != nil {
		t.Fatal(err)
	}
	if c := cosine(trunc[0], parts[0]); c != 1 && c < 1-1e-12 {
		t.Errorf("truncated text: cosine %.9f to its first 62 words alone, want 1", c)
	}
	split, err := m.Embed(ctx, []string{long}, embedded.EmbedOptions{Overflow: embedded.OverflowSplit})
	if err != nil {
		t.Fatal(err)
	}
	mean := make([]float32, len(parts[0]))
	for i := range mean {
		mean[i] = parts[0][i] + parts[1][i]
	}
	if c := cosine(split[0], mean); c < 1-1e-9 {
		t.Errorf("split text: cosine %.9f to the mean of its parts, want 1", c)
	}
	if n := math.Sqrt(dot(split[0], split[0])); math.Abs(n-1) > 1e-6 {
		t.Errorf("split vector norm %g, want 1", n)
	}
}

func cosine(a, b []float32) float64 { return dot(a, b) / math.Sqrt(dot(a, a)*dot(b, b)) }

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
