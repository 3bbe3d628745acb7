package model_test

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// tinyModel generates a small qwen3 model (per-head norms, NEOX RoPE, GQA).
func tinyModel(t *testing.T, typ quant.Type) *model.Model {
	t.Helper()
	vocab, pre, _ := vocabFor("qwen3")
	path := filepath.Join(t.TempDir(), "tiny.gguf")
	spec := modelgen.Spec{Arch: "qwen3", Dim: 256, Layers: 2, Heads: 4, KVHeads: 2, FFN: 256, Context: 64,
		Type: typ, Seed: 5, Vocab: vocab, Pre: pre}
	if err := modelgen.Write(path, spec); err != nil {
		t.Fatal(err)
	}
	m, err := model.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

func seq(n, from int) []int32 {
	out := make([]int32, n)
	for i := range out {
		out[i] = int32((from + i*7919) % 50000)
	}
	return out
}

// TestBatchingDoesNotChangeLogits checks that a prompt evaluated in one
// batch, token by token, or continued from a truncated cache gives the same
// logits, bit for bit.
func TestBatchingDoesNotChangeLogits(t *testing.T) {
	m := tinyModel(t, quant.Q4_K)
	pool := kernel.NewPool(2)
	defer pool.Close()
	prompt := seq(40, 3)
	whole, err := m.NewSession(0, pool).Forward(prompt, false)
	if err != nil {
		t.Fatal(err)
	}
	whole = slices.Clone(whole)
	tests := []struct {
		name string
		run  func(s *model.Session) ([]float32, error)
	}{
		{"token by token", func(s *model.Session) ([]float32, error) {
			var l []float32
			var err error
			for _, tok := range prompt {
				if l, err = s.Forward([]int32{tok}, false); err != nil {
					return nil, err
				}
			}
			return l, nil
		}},
		{"two batches", func(s *model.Session) ([]float32, error) {
			if _, err := s.Forward(prompt[:17], false); err != nil {
				return nil, err
			}
			return s.Forward(prompt[17:], false)
		}},
		{"continued after truncation", func(s *model.Session) ([]float32, error) {
			if _, err := s.Forward(append(slices.Clone(prompt[:30]), seq(9, 1000)...), false); err != nil {
				return nil, err
			}
			s.Truncate(30)
			if got := len(s.Tokens()); got != 30 {
				t.Fatalf("after Truncate(30) the session holds %d tokens", got)
			}
			return s.Forward(prompt[30:], false)
		}},
		{"all logits, last row", func(s *model.Session) ([]float32, error) {
			l, err := s.Forward(prompt, true)
			if err != nil {
				return nil, err
			}
			return l[(len(prompt)-1)*m.Vocab():], nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.run(m.NewSession(0, pool))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, whole) {
				t.Fatal("logits differ from a single batch")
			}
		})
	}
}

func TestContextFull(t *testing.T) {
	m := tinyModel(t, quant.F16)
	pool := kernel.NewPool(1)
	defer pool.Close()
	s := m.NewSession(32, pool)
	if _, err := s.Forward(seq(30, 1), false); err != nil {
		t.Fatal(err)
	}
	_, err := s.Forward(seq(3, 2), false)
	if !errors.Is(err, engine.ErrContextFull) {
		t.Fatalf("error %v, want ErrContextFull", err)
	}
	if len(s.Tokens()) != 30 {
		t.Errorf("refused tokens changed the session: %d tokens", len(s.Tokens()))
	}
	if _, err := s.Forward(seq(2, 2), false); err != nil {
		t.Errorf("filling the context exactly: %v", err)
	}
	if _, err := m.NewSession(0, pool).Forward([]int32{int32(m.Vocab())}, false); err == nil {
		t.Error("token outside the vocabulary accepted")
	}
}
