package model_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestEmbedderRefuses checks that embedding models Hearth cannot run, and
// broken ones, are refused with one sentence naming the problem.
func TestEmbedderRefuses(t *testing.T) {
	small := func(arch string, f func(*modelgen.Spec)) modelgen.Spec {
		s := embedSpec(arch, quant.F32)
		s.Dim, s.FFN, s.Layers, s.Context = 64, 128, 1, 64
		if f != nil {
			f(&s)
		}
		return s
	}
	tests := []struct {
		name string
		spec modelgen.Spec
		is   error
		says string
	}{
		{"rank pooling", small("bert", func(s *modelgen.Spec) { s.Mutations.Set = map[string]any{"bert.pooling_type": uint32(4)} }),
			engine.ErrUnsupported, `pooling type "rank" are not supported`},
		{"no pooling", small("nomic-bert", func(s *modelgen.Spec) { s.Pooling = "none" }),
			engine.ErrUnsupported, `pooling type "none" are not supported`},
		{"causal bert", small("bert", func(s *modelgen.Spec) { s.Mutations.Set = map[string]any{"bert.attention.causal": true} }),
			engine.ErrUnsupported, "causal attention"},
		{"decoder with mean pooling", small("qwen3", func(s *modelgen.Spec) { s.Pooling = "mean" }),
			engine.ErrUnsupported, `pooling type "mean" are not supported (only last)`},
		{"chat model", small("qwen3", func(s *modelgen.Spec) { s.Pooling = "" }),
			engine.ErrUnsupported, "not an embedding model"},
		{"missing layer norm", small("bert", func(s *modelgen.Spec) { s.Mutations.Drop = []string{"blk.0.layer_output_norm.bias"} }),
			model.ErrInvalid, "missing tensor blk.0.layer_output_norm.bias"},
		{"no token types", small("bert", func(s *modelgen.Spec) {
			s.Mutations.Set = map[string]any{"tokenizer.ggml.token_type_count": uint32(0)}
		}), model.ErrInvalid, "token_type_count"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.gguf")
			if err := modelgen.Write(path, tt.spec); err != nil {
				t.Fatal(err)
			}
			f, err := gguf.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = model.LoadEmbedder(f)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.says) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line wrapping %v that says %q", err, tt.is, tt.says)
			}
		})
	}
}
