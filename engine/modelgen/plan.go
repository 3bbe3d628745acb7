package modelgen

import (
	"fmt"
	"math"
	"strings"

	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/quant"
)

// init kinds of a tensor's values.
type initKind int

const (
	initNormal    initKind = iota // N(0, scale²)
	initNorm                      // 1 + N(0, 0.05²), a trained norm weight
	initRopeFreqs                 // llama3 frequency factors
	initRopeLong                  // LongRoPE factors for long contexts
	initRopeShort                 // LongRoPE factors within the original context
)

// tensorPlan is one tensor to generate.
type tensorPlan struct {
	name  string
	shape []uint64 // GGML order: shape[0] is the row length
	typ   quant.Type
	init  initKind
	scale float64
}

// plan lists the tensors of s in file order: for a decoder, the tensors
// model.TensorsOf lists for its family, drawn as their roles say.
func plan(s Spec) ([]tensorPlan, error) {
	if s.encoder() {
		return encoderPlan(s), nil
	}
	list, err := model.TensorsOf(s.config(), 0) // the vocabulary is filled in by mutate
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errSpec, err)
	}
	var ps []tensorPlan
	for _, t := range list {
		if t.Optional && !s.wants(t) {
			continue
		}
		ps = append(ps, s.tensorPlan(t))
	}
	return ps, nil
}

// wants reports whether an optional tensor is in the model.
func (s Spec) wants(t model.Tensor) bool {
	switch t.Role {
	case model.RoleOutput:
		return !s.Tied
	case model.RoleRopeFactors:
		if t.Name == "rope_freqs.weight" {
			return s.RopeFreqs
		}
		return s.LongRoPE
	}
	return false
}

// tensorPlan is how tensor t is drawn: projections N(0, 1/fan-in), norms
// near 1, biases N(0, 0.1²), the output (and tied embeddings) scaled so that
// logits have a trained model's spread.
func (s Spec) tensorPlan(t model.Tensor) tensorPlan {
	shape := make([]uint64, len(t.Shape))
	for i, d := range t.Shape {
		shape[i] = uint64(d)
	}
	p := tensorPlan{name: t.Name, shape: shape, typ: quant.F32}
	cols := shape[0]
	isd := 1 / math.Sqrt(float64(cols))
	switch t.Role {
	case model.RoleNorm:
		p.init = initNorm
	case model.RoleBias:
		p.scale = 0.1
	case model.RoleRopeFactors:
		p.init = map[string]initKind{"rope_freqs.weight": initRopeFreqs,
			"rope_factors_long.weight": initRopeLong, "rope_factors_short.weight": initRopeShort}[t.Name]
	case model.RoleEmbedding:
		p.typ, p.scale = s.matrixType(t.Name, -1, cols), 1
		if s.Tied {
			p.scale = 2.5 * isd
		}
	case model.RoleOutput:
		p.typ, p.scale = s.matrixType(t.Name, -1, cols), 2.5*isd
	case model.RoleRouter: // llama.cpp's quantizer leaves routers in F32
		p.scale = isd
	default:
		p.typ, p.scale = s.matrixType(blockName(t), t.Layer, cols), isd
	}
	return p
}

// blockName is a block tensor's name without its "blk.N." prefix.
func blockName(t model.Tensor) string {
	return strings.TrimPrefix(t.Name, fmt.Sprintf("blk.%d.", t.Layer))
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
	case (name == "attn_v.weight" || name == "ffn_down.weight" || name == "ffn_down_exps.weight") && moreBits(i, s.Layers):
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

// longRopeFactors returns LongRoPE-like factors for n pairs: growing from 1
// for the fastest pairs to far (long) or a little (short) above 1 for the
// slowest, as Phi-3's long and short factors do.
func longRopeFactors(n int, long bool) []float32 {
	top := 1.2
	if long {
		top = 40
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(1 + (top-1)*math.Pow(float64(i)/float64(max(n-1, 1)), 2))
	}
	return out
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
