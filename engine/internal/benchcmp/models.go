package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// qwenVocab is Qwen2.5's and Qwen3's vocabulary size (their embedding
// matrix's rows); gemmaVocab is Gemma 3's.
const (
	qwenVocab  = 151936
	gemmaVocab = 262144
)

// benchModel is one generated model the benchmark measures.
type benchModel struct {
	Name  string // shape and type, also the file name
	Shape string // what the shape copies, for the table
	Type  string // the weights' type or mix
	Spec  modelgen.Spec
}

// shapes returns the real models whose shapes the benchmark copies, with
// random weights: TinyLlama 1.1B (llama), Qwen2.5 0.5B (qwen2, tied
// embeddings, a 151,936-token vocabulary padded from GPT-2's), Gemma 3 1B
// (gemma3, tied embeddings, 262,144 tokens padded from Llama's, a window of
// 512 on five layers of six) and Qwen3-30B-A3B's blocks (qwen3moe, 128
// experts of 768, 8 per token), 8 of its 48 layers so that the files stay
// a few GB; a decoded token reads 8/128 of each layer's experts.
func shapes(dir string) []benchModel {
	vocabDir := filepath.Join(llamaref.TestData(), "vocab")
	return []benchModel{
		{Name: "llama-1.1B", Shape: "TinyLlama 1.1B", Spec: modelgen.Spec{Arch: "llama", Name: "TinyLlama-1.1B shape",
			Dim: 2048, Layers: 22, Heads: 32, KVHeads: 4, FFN: 5632, Context: 2048, Seed: 1,
			Vocab: filepath.Join(vocabDir, "ggml-vocab-llama-spm.gguf")}},
		{Name: "qwen2-0.5B", Shape: "Qwen2.5 0.5B", Spec: modelgen.Spec{Arch: "qwen2", Name: "Qwen2.5-0.5B shape",
			Dim: 896, Layers: 24, Heads: 14, KVHeads: 2, FFN: 4864, Context: 32768, Seed: 1, Tied: true, Pre: "qwen2",
			Vocab: filepath.Join(dir, fmt.Sprintf("vocab-qwen2-%d.gguf", qwenVocab))}},
		{Name: "gemma3-1B", Shape: "Gemma 3 1B", Spec: modelgen.Spec{Arch: "gemma3", Name: "Gemma-3-1B shape",
			Dim: 1152, Layers: 26, Heads: 4, KVHeads: 1, HeadDim: 256, FFN: 6912, Context: 32768, SlidingWindow: 512,
			Seed: 1, Tied: true, Vocab: filepath.Join(dir, fmt.Sprintf("vocab-gemma3-%d.gguf", gemmaVocab))}},
		{Name: "qwen3moe-30B-A3B-8L", Shape: "Qwen3-30B-A3B, 8 of 48 layers", Spec: modelgen.Spec{Arch: "qwen3moe",
			Name: "Qwen3-30B-A3B shape, 8 layers", Dim: 2048, Layers: 8, Heads: 32, KVHeads: 4, HeadDim: 128, FFN: 6144,
			Experts: 128, ExpertsUsed: 8, ExpertFFN: 768, Context: 40960, Seed: 1, Pre: "qwen2",
			Vocab: filepath.Join(dir, fmt.Sprintf("vocab-qwen2-%d.gguf", qwenVocab))}},
	}
}

// models returns every shape in every type the benchmark measures.
func models(dir string) []benchModel {
	var out []benchModel
	for _, s := range shapes(dir) {
		for _, t := range []string{"Q8_0", "Q4_0", "Q4_K_M"} {
			m := s
			m.Type, m.Name = t, s.Name+"-"+t
			switch t {
			case "Q8_0":
				m.Spec.Type = quant.Q8_0
			case "Q4_0":
				m.Spec.Type = quant.Q4_0
			default:
				m.Spec.Mix = t
			}
			out = append(out, m)
		}
	}
	return out
}

// path returns where m's file is kept under dir.
func (m benchModel) path(dir string) string { return filepath.Join(dir, m.Name+".gguf") }

// ensure generates m's file (and the padded vocabulary it needs) unless it
// is already there.
func (m benchModel) ensure(dir string) error {
	path := m.path(dir)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	vocabDir := filepath.Join(llamaref.TestData(), "vocab")
	switch m.Spec.Arch {
	case "qwen2", "qwen3moe":
		if err := paddedVocab(m.Spec.Vocab, filepath.Join(vocabDir, "ggml-vocab-gpt-2.gguf"), qwenVocab); err != nil {
			return err
		}
	case "gemma3":
		if err := paddedVocab(m.Spec.Vocab, filepath.Join(vocabDir, "ggml-vocab-llama-spm.gguf"), gemmaVocab); err != nil {
			return err
		}
	}
	start := time.Now()
	fmt.Fprintf(os.Stderr, "generating %s ...", path)
	if err := modelgen.Write(path, m.Spec); err != nil { // a temporary file, renamed when whole
		return err
	}
	fmt.Fprintf(os.Stderr, " %s\n", time.Since(start).Round(time.Second))
	return nil
}
