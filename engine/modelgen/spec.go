package modelgen

import (
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/quant"
)

// Spec describes a model to generate.
type Spec struct {
	Arch    string // one of model.Architectures(), "bert" or "nomic-bert"
	Name    string // general.name; defaults to a description of the shape
	Dim     int    // embedding length
	Layers  int
	Heads   int
	KVHeads int // 0 means Heads
	HeadDim int // 0 means Dim/Heads
	FFN     int // feed-forward length
	Context int // context length

	// Type is the type of the weight matrices (norms and biases are F32).
	// Ignored when Mix is set.
	Type quant.Type
	// Mix, when "Q4_K_M", quantizes like llama.cpp's Q4_K_M: Q4_K, with Q6_K
	// for the output matrix and for attn_v and ffn_down in some layers.
	Mix string

	Seed uint64
	// Vocab is the GGUF file whose tokenizer.* metadata is copied; its token
	// count is the model's vocabulary.
	Vocab string
	// Pre overrides tokenizer.ggml.pre (qwen2 models say "qwen2").
	Pre string
	// Tied omits output.weight: the output reuses token_embd.
	Tied bool
	// ChatTemplate, when set, is stored as tokenizer.chat_template.
	ChatTemplate string

	RopeBase   float32 // rope.freq_base; 0 means 10000 (llama) or 1000000 (qwen)
	RopeLinear float32 // linear rope scaling factor, 0 for none
	RopeFreqs  bool    // add a llama3-style rope_freqs.weight tensor
	RopeDims   int     // rope.dimension_count; 0 means HeadDim
	// LongRoPE adds rope_factors_long and rope_factors_short (phi3), with
	// RopeOrigContext as rope.scaling.original_context_length (0: the
	// context length) and RopeAttnFactor as rope.scaling.attn_factor (0:
	// none).
	LongRoPE        bool
	RopeOrigContext int
	RopeAttnFactor  float32
	RMSEps          float32 // 0 means the family's usual value (1e-5 for llama, 1e-6 for the others)

	// SlidingWindow is attention.sliding_window for families with
	// sliding-window layers (gemma3); 0 leaves it out.
	SlidingWindow int
	// Experts, ExpertsUsed and ExpertFFN shape a mixture-of-experts family's
	// feed-forward blocks (qwen3moe): how many experts, how many each token
	// is routed to, and each expert's feed-forward length.
	Experts, ExpertsUsed, ExpertFFN int
	// SharedFFN is the shared expert's feed-forward length (qwen2moe).
	SharedFFN int
	// SoftCap is final_logit_softcapping for families that read it; 0
	// leaves it out.
	SoftCap float32

	Mutations Mutations // applied last, to make broken files

	// Pooling, for embedding models, is {arch}.pooling_type: "mean", "cls"
	// or "last". Encoders default to "mean"; decoders have none unless set.
	Pooling string
	// NormEps is an encoder's layer norm epsilon; 0 means 1e-12.
	NormEps float32
}

// Mutations damage a generated file on purpose.
type Mutations struct {
	Set     map[string]any      // metadata to set (or replace) after the normal keys
	Drop    []string            // tensors to leave out
	Reshape map[string][]uint64 // tensors to declare with another shape (data sized to match)
}

var errSpec = errors.New("modelgen: bad spec")

// normalize fills defaults and checks what the generator itself needs.
func (s *Spec) normalize() error {
	def, decoder := model.DefaultsOf(s.Arch)
	switch {
	case decoder:
	case s.encoder():
		s.normalizeEncoder()
	default:
		return fmt.Errorf("%w: architecture %q", errSpec, s.Arch)
	}
	if s.KVHeads == 0 {
		s.KVHeads = s.Heads
	}
	if s.HeadDim == 0 && s.Heads > 0 {
		s.HeadDim = s.Dim / s.Heads
	}
	if s.RopeDims == 0 {
		s.RopeDims = s.HeadDim
	}
	if s.Dim <= 0 || s.Layers <= 0 || s.FFN <= 0 || s.HeadDim <= 0 || s.KVHeads <= 0 || s.Context <= 0 {
		return fmt.Errorf("%w: dimensions must be positive: %+v", errSpec, *s)
	}
	if s.RopeBase == 0 {
		s.RopeBase = def.RopeBase
	}
	if s.RMSEps == 0 {
		s.RMSEps = def.RMSEps
	}
	if s.Name == "" {
		s.Name = fmt.Sprintf("random %s %dx%d", s.Arch, s.Layers, s.Dim)
	}
	if s.Mix != "" && s.Mix != "Q4_K_M" {
		return fmt.Errorf("%w: mix %q (only Q4_K_M)", errSpec, s.Mix)
	}
	if s.Mix == "" && !quant.Supported(s.Type) {
		return fmt.Errorf("%w: tensor type %s", errSpec, s.Type)
	}
	return nil
}

// config is the model configuration a decoder spec describes.
func (s Spec) config() model.Config {
	c := model.Config{Arch: s.Arch, Dim: s.Dim, Layers: s.Layers, Heads: s.Heads, KVHeads: s.KVHeads,
		HeadDim: s.HeadDim, FFN: s.FFN, ContextLength: s.Context, RMSEps: s.RMSEps, RopeBase: s.RopeBase,
		RopeDims: s.RopeDims, RopeScale: 1, RopeOrigContext: s.RopeOrigContext, RopeAttnFactor: s.RopeAttnFactor, SlidingWindow: s.SlidingWindow, SoftCap: s.SoftCap,
		Experts: s.Experts, ExpertsUsed: s.ExpertsUsed, ExpertFFN: s.ExpertFFN, SharedFFN: s.SharedFFN}
	if s.RopeLinear != 0 {
		c.RopeScale = 1 / s.RopeLinear
	}
	return c
}
