package model_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
	"github.com/hearth-app/hearth/engine/tokenizer"
)

// embedContext is the trained context of the generated embedding models.
const embedContext = 512

// embedTexts are varied texts: English, code, accents and CJK, one
// character, and one close to the context length.
func embedTexts() []string {
	return []string{
		"The quick brown fox jumps over the lazy dog.",
		"func main() { fmt.Println(\"hello, world\") } // prints 42",
		"Crème brûlée à l'été, naïve façade; 東京は日本の首都です。",
		"a",
		strings.Repeat("The quick brown fox jumps over the lazy dog. ", 42),
	}
}

// embedSpec is a small generated embedding model of arch in type typ, at
// shapes whose rows are whole K-quant blocks.
func embedSpec(arch string, typ quant.Type) modelgen.Spec {
	dir := filepath.Join(llamaref.TestData(), "vocab")
	s := modelgen.Spec{Arch: arch, Dim: 256, Layers: 2, Heads: 4, FFN: 512, Context: embedContext, Type: typ, Seed: 7,
		Vocab: filepath.Join(dir, "ggml-vocab-bert-bge.gguf")}
	if arch == "qwen3" {
		s.KVHeads, s.Vocab, s.Pre, s.Tied, s.Pooling = 2, filepath.Join(dir, "ggml-vocab-gpt-2.gguf"), "qwen2", true, "last"
		s.Mutations.Set = map[string]any{"tokenizer.ggml.add_eos_token": true}
	}
	return s
}

// embedTolerance is the least cosine similarity to llama.cpp's vector for a
// weight type (see TestEmbeddingsMatchLlamaCpp).
func embedTolerance(t quant.Type) float64 {
	switch t {
	case quant.F32:
		return 0.99999
	case quant.F16:
		return 0.99999
	}
	return 0.999
}

// TestEmbeddingsMatchLlamaCpp generates a small model of each embedding
// architecture in F32, F16, Q8_0 and Q4_K and compares, text by text, our
// tokens and our vector with llama.cpp's (node-llama-cpp's
// getEmbeddingFor): the tokens must be equal, the dimension equal, and the
// cosine similarity at least embedTolerance. The batch of all texts must
// give exactly the vectors of one text at a time.
//
// The forward pass computes what ggml computes, rounding where it rounds
// (activations to binary16 or 8-bit blocks for products with F16 and
// quantized weights, GELU through a binary16 table), but sums in another
// order; last-bit differences that cross a rounding boundary grow with the
// coarseness of the rounding, hence a looser bound for F16 and the
// quantized types.
func TestEmbeddingsMatchLlamaCpp(t *testing.T) {
	llamaref.Require(t)
	dir := t.TempDir()
	type genModel struct {
		name, path string
		typ        quant.Type
	}
	var models []genModel
	var jobs []llamaref.EmbedJob
	for _, arch := range []string{"bert", "nomic-bert", "qwen3"} {
		for _, typ := range []quant.Type{quant.F32, quant.F16, quant.Q8_0, quant.Q4_K} {
			m := genModel{name: arch + "/" + typ.String(), path: filepath.Join(dir, fmt.Sprintf("%s-%s.gguf", arch, typ)), typ: typ}
			if err := modelgen.Write(m.path, embedSpec(arch, typ)); err != nil {
				t.Fatal(err)
			}
			models = append(models, m)
			jobs = append(jobs, llamaref.EmbedJob{Model: m.path, Texts: embedTexts(), ContextSize: embedContext})
		}
	}
	ref := llamaref.Embed(t, jobs)
	pool := kernel.NewPool(2)
	defer pool.Close()
	for i, m := range models {
		t.Run(m.name, func(t *testing.T) {
			compareEmbeddings(t, m.path, embedTexts(), ref[i], pool, embedTolerance(m.typ))
		})
	}
}

func compareEmbeddings(t *testing.T, path string, texts []string, ref llamaref.EmbedResult, pool *kernel.Pool, tol float64) {
	f, err := gguf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tok, err := tokenizer.New(f)
	if err != nil {
		t.Fatal(err)
	}
	e, err := model.LoadEmbedder(f)
	if err != nil {
		t.Fatal(err)
	}
	seqs := make([][]int32, len(texts))
	for i, text := range texts {
		seqs[i] = tok.Encode(text, true, false)
		if !slices.Equal(seqs[i], ref.Tokens[i]) {
			t.Fatalf("text %d: tokens %v, llama.cpp's %v", i, seqs[i], ref.Tokens[i])
		}
	}
	batch, err := e.Embed(context.Background(), pool, seqs)
	if err != nil {
		t.Fatal(err)
	}
	worst := 1.0
	for i, want := range ref.Vectors {
		if len(batch[i]) != len(want) {
			t.Fatalf("text %d: %d dimensions, llama.cpp %d", i, len(batch[i]), len(want))
		}
		cos := cosine(batch[i], want)
		worst = min(worst, cos)
		if !(cos >= tol) {
			t.Errorf("text %d (%d tokens): cosine similarity %.7f to llama.cpp's vector, want >= %g", i, len(seqs[i]), cos, tol)
		}
		one, err := e.Embed(context.Background(), pool, seqs[i:i+1])
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(one[0], batch[i]) {
			t.Errorf("text %d: the vector alone differs from the vector in a batch (cosine %.9f)", i, cosine(one[0], batch[i]))
		}
		if n := norm(batch[i]); math.Abs(n-1) > 1e-5 {
			t.Errorf("text %d: vector norm %g, want 1", i, n)
		}
	}
	apart := distinct(t, ref.Vectors, tol)
	t.Logf("%d texts, %d dimensions: least cosine similarity to llama.cpp %.7f; between llama.cpp's vectors of different texts at most %.5f",
		len(texts), e.Dim(), worst, apart)
}

// distinct checks that llama.cpp's vectors of different texts are further
// apart than the tolerance, so that matching them means something, and
// returns their largest cosine similarity.
func distinct(t *testing.T, vecs [][]float32, tol float64) float64 {
	most := -1.0
	for i := range vecs {
		for j := range i {
			most = max(most, cosine(vecs[i], vecs[j]))
		}
	}
	if most >= tol {
		t.Errorf("llama.cpp's vectors of two different texts have cosine similarity %.7f, above the tolerance %g: the comparison cannot tell texts apart", most, tol)
	}
	return most
}

func cosine(a, b []float32) float64 {
	var ab, aa, bb float64
	for i := range a {
		ab += float64(a[i]) * float64(b[i])
		aa += float64(a[i]) * float64(a[i])
		bb += float64(b[i]) * float64(b[i])
	}
	return ab / math.Sqrt(aa*bb)
}

func norm(a []float32) float64 { return math.Sqrt(cosineDot(a, a)) }

func cosineDot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
