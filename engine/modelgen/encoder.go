package modelgen

import (
	"fmt"
	"math"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/quant"
)

// poolingTypes numbers the pooling types as llama.cpp does.
var poolingTypes = map[string]uint32{"none": 0, "mean": 1, "cls": 2, "last": 3}

// encoder reports whether s is an encoder-only embedding model.
func (s Spec) encoder() bool { return s.Arch == "bert" || s.Arch == "nomic-bert" }

// normalizeEncoder fills an encoder's defaults: mean pooling, a 1e-12 layer
// norm epsilon and, for nomic-bert, a rope base of 1000 (nomic-embed's).
func (s *Spec) normalizeEncoder() {
	if s.Pooling == "" {
		s.Pooling = "mean"
	}
	if s.NormEps == 0 {
		s.NormEps = 1e-12
	}
	if s.RopeBase == 0 && s.Arch == "nomic-bert" {
		s.RopeBase = 1000
	}
	s.KVHeads = s.Heads
}

// setEncoderMetadata sets the general and architecture keys of an encoder
// as llama.cpp's converter writes them.
func (s Spec) setEncoderMetadata(w *gguf.Writer) {
	a := s.Arch + "."
	w.Set("general.architecture", s.Arch)
	w.Set("general.name", s.Name)
	w.Set("general.file_type", s.fileType())
	w.Set("general.quantization_version", uint32(2))
	w.Set(a+"context_length", uint32(s.Context))
	w.Set(a+"embedding_length", uint32(s.Dim))
	w.Set(a+"block_count", uint32(s.Layers))
	w.Set(a+"feed_forward_length", uint32(s.FFN))
	w.Set(a+"attention.head_count", uint32(s.Heads))
	w.Set(a+"attention.layer_norm_epsilon", s.NormEps)
	w.Set(a+"attention.causal", false)
	w.Set(a+"pooling_type", poolingTypes[s.Pooling])
	if s.Arch == "nomic-bert" {
		w.Set(a+"rope.freq_base", s.RopeBase)
	}
}

// encoderPlan lists the tensors of a bert or nomic-bert model.
func encoderPlan(s Spec) []tensorPlan {
	d := uint64(s.Dim)
	vec := func(name string, size uint64, init initKind, scale float64) tensorPlan {
		return tensorPlan{name: name, shape: []uint64{size}, typ: quant.F32, init: init, scale: scale}
	}
	ps := []tensorPlan{
		{name: "token_embd.weight", shape: []uint64{d, 0}, typ: s.matrixType("token_embd.weight", -1, d), scale: 1},
		{name: "token_types.weight", shape: []uint64{d, 2}, typ: quant.F32, scale: 0.1},
		vec("token_embd_norm.weight", d, initNorm, 0),
		vec("token_embd_norm.bias", d, initNormal, 0.1),
	}
	if s.Arch == "bert" {
		ps = append(ps, tensorPlan{name: "position_embd.weight", shape: []uint64{d, uint64(s.Context)}, typ: quant.F32, scale: 0.3})
	}
	for i := range s.Layers {
		ps = append(ps, s.encoderLayerPlan(i)...)
	}
	return ps
}

// encoderLayerPlan lists the tensors of encoder block i: bert has separate
// Q, K, V and biases everywhere and a GELU feed-forward; nomic-bert a fused
// QKV, no biases and a SwiGLU feed-forward.
func (s Spec) encoderLayerPlan(i int) []tensorPlan {
	d, ff := uint64(s.Dim), uint64(s.FFN)
	n := func(x string) string { return fmt.Sprintf("blk.%d.%s", i, x) }
	isd := func(x uint64) float64 { return 1 / math.Sqrt(float64(x)) }
	mat := func(name string, cols, rows uint64) tensorPlan {
		return tensorPlan{name: n(name), shape: []uint64{cols, rows}, typ: s.matrixType(name, i, cols), scale: isd(cols)}
	}
	vec := func(name string, size uint64, init initKind) tensorPlan {
		return tensorPlan{name: n(name), shape: []uint64{size}, typ: quant.F32, init: init, scale: 0.1}
	}
	norms := func(name string) []tensorPlan {
		return []tensorPlan{vec(name+".weight", d, initNorm), vec(name+".bias", d, initNormal)}
	}
	var ps []tensorPlan
	if s.Arch == "nomic-bert" {
		ps = append(ps, mat("attn_qkv.weight", d, 3*d), mat("attn_output.weight", d, d))
		ps = append(ps, norms("attn_output_norm")...)
		ps = append(ps, mat("ffn_up.weight", d, ff), mat("ffn_gate.weight", d, ff), mat("ffn_down.weight", ff, d))
		return append(ps, norms("layer_output_norm")...)
	}
	for _, x := range []string{"attn_q", "attn_k", "attn_v", "attn_output"} {
		ps = append(ps, mat(x+".weight", d, d), vec(x+".bias", d, initNormal))
	}
	ps = append(ps, norms("attn_output_norm")...)
	ps = append(ps, mat("ffn_up.weight", d, ff), vec("ffn_up.bias", ff, initNormal))
	ps = append(ps, mat("ffn_down.weight", ff, d), vec("ffn_down.bias", d, initNormal))
	return append(ps, norms("layer_output_norm")...)
}
