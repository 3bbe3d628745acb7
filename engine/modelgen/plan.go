package modelgen

import (
	"fmt"
	"math"

	"github.com/hearth-app/hearth/engine/quant"
)

// init kinds of a tensor's values.
type initKind int

const (
	initNormal    initKind = iota // N(0, scale²)
	initNorm                      // 1 + N(0, 0.05²), a trained norm weight
	initRopeFreqs                 // llama3 frequency factors
)

// tensorPlan is one tensor to generate.
type tensorPlan struct {
	name  string
	shape []uint64 // GGML order: shape[0] is the row length
	typ   quant.Type
	init  initKind
	scale float64
}

// plan lists the tensors of s in file order.
func plan(s Spec) []tensorPlan {
	if s.encoder() {
		return encoderPlan(s)
	}
	d, hd := uint64(s.Dim), uint64(s.HeadDim)
	q, kv, ff := uint64(s.Heads)*hd, uint64(s.KVHeads)*hd, uint64(s.FFN)
	vocab := uint64(0) // filled by the caller
	isd := func(n uint64) float64 { return 1 / math.Sqrt(float64(n)) }
	embedScale := 1.0
	if s.Tied {
		embedScale = 2.5 * isd(d)
	}
	ps := []tensorPlan{
		{name: "token_embd.weight", shape: []uint64{d, vocab}, typ: s.matrixType("token_embd.weight", -1, d), scale: embedScale},
		{name: "output_norm.weight", shape: []uint64{d}, typ: quant.F32, init: initNorm},
	}
	if !s.Tied {
		ps = append(ps, tensorPlan{name: "output.weight", shape: []uint64{d, vocab}, typ: s.matrixType("output.weight", -1, d), scale: 2.5 * isd(d)})
	}
	if s.RopeFreqs {
		ps = append(ps, tensorPlan{name: "rope_freqs.weight", shape: []uint64{hd / 2}, typ: quant.F32, init: initRopeFreqs})
	}
	for i := range s.Layers {
		ps = append(ps, s.layerPlan(i, d, q, kv, ff, hd)...)
	}
	return ps
}

// layerPlan lists the tensors of block i.
func (s Spec) layerPlan(i int, d, q, kv, ff, hd uint64) []tensorPlan {
	n := func(x string) string { return fmt.Sprintf("blk.%d.%s", i, x) }
	isd := func(x uint64) float64 { return 1 / math.Sqrt(float64(x)) }
	mat := func(name string, cols, rows uint64, scale float64) tensorPlan {
		return tensorPlan{name: n(name), shape: []uint64{cols, rows}, typ: s.matrixType(name, i, cols), scale: scale}
	}
	vec := func(name string, size uint64, init initKind, scale float64) tensorPlan {
		return tensorPlan{name: n(name), shape: []uint64{size}, typ: quant.F32, init: init, scale: scale}
	}
	ps := []tensorPlan{
		vec("attn_norm.weight", d, initNorm, 0),
		mat("attn_q.weight", d, q, isd(d)),
		mat("attn_k.weight", d, kv, isd(d)),
		mat("attn_v.weight", d, kv, isd(d)),
	}
	if s.Arch == "qwen2" {
		ps = append(ps, vec("attn_q.bias", q, initNormal, 0.1), vec("attn_k.bias", kv, initNormal, 0.1), vec("attn_v.bias", kv, initNormal, 0.1))
	}
	if s.Arch == "qwen3" {
		ps = append(ps, vec("attn_q_norm.weight", hd, initNorm, 0), vec("attn_k_norm.weight", hd, initNorm, 0))
	}
	return append(ps,
		mat("attn_output.weight", q, d, isd(q)),
		vec("ffn_norm.weight", d, initNorm, 0),
		mat("ffn_gate.weight", d, ff, isd(d)),
		mat("ffn_up.weight", d, ff, isd(d)),
		mat("ffn_down.weight", ff, d, isd(ff)),
	)
}

// matrixType is the type of a weight matrix (name without the blk prefix,
// layer i or -1 outside blocks) whose rows hold cols values.
func (s Spec) matrixType(name string, i int, cols uint64) quant.Type {
	if s.Mix != "Q4_K_M" {
		return s.Type
	}
	t := quant.Q4_K
	switch {
	case name == "output.weight", name == "token_embd.weight" && s.Tied:
		t = quant.Q6_K
	case (name == "attn_v.weight" || name == "ffn_down.weight") && moreBits(i, s.Layers):
		t = quant.Q6_K
	}
	return kQuantFallback(t, cols)
}

// kQuantFallback is the type llama.cpp uses instead of K-quant t for rows of
// cols values that are not whole 256-value super-blocks (Qwen2.5-0.5B's 896,
// for one): Q5_0 for Q4_K, Q8_0 for Q6_K.
func kQuantFallback(t quant.Type, cols uint64) quant.Type {
	if cols%256 == 0 {
		return t
	}
	if t == quant.Q6_K {
		return quant.Q8_0
	}
	return quant.Q5_0
}

// moreBits picks the layers llama.cpp's Q4_K_M gives more bits: the first
// and last eighth, and every third layer between.
func moreBits(i, n int) bool {
	return i < n/8 || i >= 7*n/8 || (i-n/8)%3 == 2
}

// ropeFreqs returns llama3's frequency factors for head dimension hd with
// base, factor 8, low/high frequency factors 1 and 4 and an original context
// of 8192 (the values of Llama 3.1's config).
func ropeFreqs(hd int, base float64) []float32 {
	const factor, low, high, orig = 8.0, 1.0, 4.0, 8192.0
	out := make([]float32, hd/2)
	for i := range out {
		freq := math.Pow(base, -float64(2*i)/float64(hd))
		wavelen := 2 * math.Pi / freq
		switch {
		case wavelen < orig/high:
			out[i] = 1
		case wavelen > orig/low:
			out[i] = factor
		default:
			smooth := (orig/wavelen - low) / (high - low)
			out[i] = float32(1 / ((1-smooth)/factor + smooth))
		}
	}
	return out
}
