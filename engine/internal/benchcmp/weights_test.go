package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// TestTokenBytes checks the bytes a decoded token reads on small generated
// models: everything but the embedding rows not looked up, unless the
// embeddings are the output too.
func TestTokenBytes(t *testing.T) {
	for _, tied := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "m.gguf")
		s := modelgen.Spec{Arch: "llama", Dim: 64, Layers: 2, Heads: 4, KVHeads: 2, FFN: 128, Context: 64,
			Type: quant.Q8_0, Seed: 3, Tied: tied, Vocab: filepath.Join(llamaref.TestData(), "vocab", "ggml-vocab-llama-spm.gguf")}
		if err := modelgen.Write(path, s); err != nil {
			t.Fatal(err)
		}
		facts, err := factsOf(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := gguf.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var all, embd uint64
		for _, ti := range f.Tensors() {
			all += ti.Size
			if ti.Name == "token_embd.weight" {
				embd = ti.Size
			}
		}
		f.Close()
		want := all
		if !tied {
			want = all - embd + embd/32000
		}
		if facts.TokenBytes != want || facts.Vocab != 32000 || facts.FileBytes <= int64(all) {
			t.Errorf("tied=%v: got %+v, want %d token bytes of %d in tensors, 32000 tokens", tied, facts, want, all)
		}
	}
}

// TestTokenBytesMoE checks that a decoded token of a mixture reads only its
// routed share of each expert tensor: 2 of 8 here.
func TestTokenBytesMoE(t *testing.T) {
	path := filepath.Join(t.TempDir(), "moe.gguf")
	s := modelgen.Spec{Arch: "qwen3moe", Dim: 64, Layers: 2, Heads: 4, KVHeads: 2, FFN: 128, Context: 64,
		Experts: 8, ExpertsUsed: 2, ExpertFFN: 64, Type: quant.Q8_0, Seed: 3, Tied: true,
		Vocab: filepath.Join(llamaref.TestData(), "vocab", "ggml-vocab-llama-spm.gguf")}
	if err := modelgen.Write(path, s); err != nil {
		t.Fatal(err)
	}
	facts, err := factsOf(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := gguf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want, exps uint64
	for _, ti := range f.Tensors() {
		if strings.HasSuffix(ti.Name, "_exps.weight") {
			exps += ti.Size
			want += ti.Size / 4
			continue
		}
		want += ti.Size
	}
	if exps == 0 || facts.TokenBytes != want {
		t.Errorf("got %d token bytes, want %d (%d in expert tensors)", facts.TokenBytes, want, exps)
	}
}
