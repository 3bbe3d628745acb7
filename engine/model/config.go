package model

import (
	"math"
)

// Metadata is the part of a GGUF file Config reads (*gguf.File implements it).
type Metadata interface {
	Architecture() string
	String(key string) (string, bool)
	Uint(key string) (uint64, bool)
	Float(key string) (float64, bool)
	Ints(key string) ([]int64, bool)
}

// Config holds a model's hyperparameters.
type Config struct {
	Arch          string
	Dim           int // embedding length
	Layers        int
	Heads         int
	KVHeads       int
	HeadDim       int
	FFN           int // feed-forward length
	ContextLength int // trained context
	RMSEps        float32
	RopeBase      float32
	RopeDims      int     // dimensions of each head RoPE rotates
	RopeScale     float32 // position multiplier (1/linear scaling factor)
	RopeYarn      *Yarn   // non-nil for YaRN scaling
	// RopeOrigContext is the context the model was trained at before its
	// RoPE was scaled (rope.scaling.original_context_length, else
	// ContextLength); LongRoPE picks its long factors beyond it.
	RopeOrigContext int
	// RopeAttnFactor multiplies RoPE's cos and sin (rope.scaling.attn_factor,
	// LongRoPE's magnitude correction); 1 when absent.
	RopeAttnFactor float32
	// SlidingWindow is how many positions (the query's own included) a
	// sliding-window layer attends to; 0 when every layer is global.
	SlidingWindow int
	SWAPeriod     int     // with SlidingWindow, every SWAPeriod-th layer attends globally
	RopeBaseSWA   float32 // RoPE base of the sliding-window layers
	SoftCap       float32 // final logit soft-capping, 0 for none
	Experts       int     // experts of a mixture-of-experts block, 0 for a dense one
	ExpertsUsed   int     // experts each token is routed to
	ExpertFFN     int     // feed-forward length of each expert
	SharedFFN     int     // feed-forward length of the shared expert, 0 for none
	fam           *family
}

// Yarn holds the parameters of YaRN RoPE scaling.
type Yarn struct {
	OrigContext int
	ExtFactor   float32
	AttnFactor  float32
	BetaFast    float32
	BetaSlow    float32
}

// maxDim bounds dimensions read from metadata, far above any real model, so
// that absurd values are refused before anything is allocated.
const maxDim = 1 << 20

// maxExperts bounds a mixture's expert count (llama.cpp's limit is 512).
const maxExperts = 512

// ConfigFrom reads the hyperparameters of a model from its metadata and
// checks them. An architecture not in Architectures is refused with an error
// wrapping engine.ErrUnsupported; inconsistent values wrap ErrInvalid.
func ConfigFrom(md Metadata) (Config, error) {
	name := md.Architecture()
	f, ok := familyOf(name)
	if !ok {
		return Config{}, unsupportedf("architecture %q is not supported", name)
	}
	r := reader{md: md, prefix: name + "."}
	c := Config{Arch: name, fam: f}
	c.Dim = r.dim("embedding_length", 0)
	c.Layers = r.dim("block_count", 0)
	c.Heads = r.layerUniform("attention.head_count", 0)
	c.KVHeads = r.layerUniform("attention.head_count_kv", c.Heads)
	c.FFN = r.layerUniform("feed_forward_length", 0)
	c.ContextLength = r.dim("context_length", 0)
	if c.Heads > 0 {
		c.HeadDim = r.dim("attention.key_length", c.Dim/c.Heads)
	}
	c.RopeDims = r.dim("rope.dimension_count", c.HeadDim)
	c.RMSEps = float32(r.float("attention.layer_norm_rms_epsilon", -1))
	c.RopeBase = float32(r.float("rope.freq_base", 10000))
	if r.err != nil {
		return Config{}, r.err
	}
	if err := c.readRopeScaling(&r); err != nil {
		return Config{}, err
	}
	c.readFamilyKeys(&r)
	if r.err != nil {
		return Config{}, r.err
	}
	return c, c.check(&r)
}

// readRopeScaling reads rope.scaling.* (linear, yarn or none).
func (c *Config) readRopeScaling(r *reader) error {
	kind, ok := r.md.String(r.prefix + "rope.scaling.type")
	if !ok {
		kind = "linear"
	}
	factor := r.float("rope.scaling.factor", 0)
	if factor == 0 {
		factor = r.float("rope.scale_linear", 0)
	}
	c.RopeOrigContext = r.dim("rope.scaling.original_context_length", c.ContextLength)
	c.RopeAttnFactor = float32(r.float("rope.scaling.attn_factor", 1))
	c.RopeScale = 1
	if factor != 0 && kind != "none" {
		c.RopeScale = float32(1 / factor)
	}
	switch kind {
	case "none", "linear":
	case "yarn":
		c.RopeYarn = &Yarn{
			OrigContext: c.RopeOrigContext,
			ExtFactor:   1,
			BetaFast:    float32(r.float("rope.scaling.yarn_beta_fast", 32)),
			BetaSlow:    float32(r.float("rope.scaling.yarn_beta_slow", 1)),
		}
		c.RopeYarn.AttnFactor = yarnAttnFactor(1/c.RopeScale, float32(r.float("rope.scaling.yarn_log_multiplier", 0)))
	default:
		return unsupportedf("rope scaling %q is not supported", kind)
	}
	return r.err
}

// readFamilyKeys reads the keys only some families have.
func (c *Config) readFamilyKeys(r *reader) {
	b := c.fam.block
	if b.swaKeys {
		c.SlidingWindow = r.dim("attention.sliding_window", -1)
		c.SWAPeriod = b.swaPeriod
		c.RopeBaseSWA = float32(r.float("rope.freq_base_swa", float64(c.fam.ropeBaseSWA)))
		if c.SlidingWindow < 0 {
			c.SlidingWindow = 0
		}
	}
	if b.softCapKey {
		c.SoftCap = float32(r.float("final_logit_softcapping", 0))
	}
	if b.moe {
		c.Experts = r.dim("expert_count", 0)
		c.ExpertsUsed = r.dim("expert_used_count", 0)
		if c.ExpertsUsed > 0 {
			c.ExpertFFN = r.dim("expert_feed_forward_length", c.FFN/c.ExpertsUsed)
		}
		if b.sharedExpert {
			c.SharedFFN = r.dim("expert_shared_feed_forward_length", c.FFN)
		}
	}
}

// sliding reports whether layer l attends within the sliding window.
func (c Config) sliding(l int) bool {
	return c.SlidingWindow > 0 && c.SWAPeriod > 0 && l%c.SWAPeriod < c.SWAPeriod-1
}

// yarnAttnFactor is llama.cpp's magnitude correction for YaRN at the given
// context factor, already divided by the factor rope applies itself.
func yarnAttnFactor(factor, logMul float32) float32 {
	mscale := func(scale, m float32) float32 {
		if scale <= 1 {
			return 1
		}
		return 0.1*m*float32(math.Log(float64(scale))) + 1
	}
	var f float32
	if logMul != 0 {
		f = mscale(factor, 1) / mscale(factor, logMul)
	} else {
		f = mscale(factor, 1)
	}
	return f / (1 + 0.1*float32(math.Log(float64(factor))))
}

// check refuses inconsistent hyperparameters.
func (c *Config) check(r *reader) error {
	switch {
	case c.Dim <= 0:
		return invalidf("embedding length %d", c.Dim)
	case c.Layers <= 0:
		return invalidf("block count %d", c.Layers)
	case c.Heads <= 0:
		return invalidf("attention head count %d", c.Heads)
	case c.Dim%c.Heads != 0 && !r.has("attention.key_length"):
		return invalidf("%d heads do not divide the embedding length %d", c.Heads, c.Dim)
	case c.KVHeads <= 0 || c.Heads%c.KVHeads != 0:
		return invalidf("%d attention heads cannot share %d KV heads", c.Heads, c.KVHeads)
	case c.HeadDim <= 0 || c.HeadDim%2 != 0:
		return invalidf("head dimension %d (embedding %d over %d heads)", c.HeadDim, c.Dim, c.Heads)
	case c.RopeDims <= 0 || c.RopeDims > c.HeadDim || c.RopeDims%2 != 0:
		return invalidf("rope dimension count %d for heads of %d", c.RopeDims, c.HeadDim)
	case c.Arch == "llama" && c.RopeDims != c.HeadDim:
		return invalidf("rope dimension count %d, expected %d", c.RopeDims, c.HeadDim)
	case c.FFN <= 0:
		return invalidf("feed-forward length %d", c.FFN)
	case c.ContextLength <= 0:
		return invalidf("context length %d", c.ContextLength)
	case !(c.RMSEps > 0 && c.RMSEps < 1):
		return invalidf("RMS norm epsilon %g", c.RMSEps)
	case !(c.RopeBase > 1) || math.IsInf(float64(c.RopeBase), 0):
		return invalidf("rope frequency base %g", c.RopeBase)
	case !(c.RopeScale > 0) || math.IsInf(float64(c.RopeScale), 0):
		return invalidf("rope scaling factor %g", 1/c.RopeScale)
	case !(c.RopeAttnFactor > 0) || math.IsInf(float64(c.RopeAttnFactor), 0):
		return invalidf("rope attention factor %g", c.RopeAttnFactor)
	case c.SlidingWindow > 0 && (!(c.RopeBaseSWA > 1) || math.IsInf(float64(c.RopeBaseSWA), 0)):
		return invalidf("sliding-window rope frequency base %g", c.RopeBaseSWA)
	case c.fam.block.moe && (c.Experts <= 0 || c.Experts > maxExperts || c.ExpertsUsed <= 0 || c.ExpertsUsed > c.Experts):
		return invalidf("%d experts, %d used per token", c.Experts, c.ExpertsUsed)
	case c.fam.block.moe && c.ExpertFFN <= 0:
		return invalidf("expert feed-forward length %d", c.ExpertFFN)
	case c.SoftCap < 0 || math.IsInf(float64(c.SoftCap), 0) || math.IsNaN(float64(c.SoftCap)):
		return invalidf("final logit soft-capping %g", c.SoftCap)
	}
	return nil
}

// reader reads "<arch>.<key>" values, remembering the first error.
type reader struct {
	md     Metadata
	prefix string
	err    error
}

func (r *reader) has(key string) bool {
	_, ok := r.md.Uint(r.prefix + key)
	return ok
}

// dim reads a non-negative size; def is used when the key is missing, and a
// missing key without default is an error.
func (r *reader) dim(key string, def int) int {
	v, ok := r.md.Uint(r.prefix + key)
	switch {
	case !ok && def == 0 && r.err == nil && !r.optional(key):
		r.err = invalidf("missing %s%s", r.prefix, key)
	case !ok:
		return def
	case v > maxDim*1024:
		if r.err == nil {
			r.err = invalidf("%s%s = %d is out of range", r.prefix, key, v)
		}
		return 0
	}
	return int(v)
}

// optional lists keys whose absence (with no default) is reported by check
// instead.
func (r *reader) optional(key string) bool {
	return key == "attention.key_length" || key == "attention.head_count_kv" ||
		key == "rope.scaling.original_context_length"
}

// layerUniform reads a size that may be stored per layer; differing values
// are not supported.
func (r *reader) layerUniform(key string, def int) int {
	if vs, ok := r.md.Ints(r.prefix + key); ok {
		if len(vs) == 0 {
			r.fail(invalidf("empty %s%s", r.prefix, key))
			return 0
		}
		for _, v := range vs {
			if v != vs[0] {
				r.fail(unsupportedf("%s%s differs between layers", r.prefix, key))
				return 0
			}
		}
		if vs[0] < 0 || vs[0] > maxDim {
			r.fail(invalidf("%s%s = %d is out of range", r.prefix, key, vs[0]))
			return 0
		}
		return int(vs[0])
	}
	return r.dim(key, def)
}

func (r *reader) float(key string, def float64) float64 {
	v, ok := r.md.Float(r.prefix + key)
	if !ok {
		return def
	}
	return v
}

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}
