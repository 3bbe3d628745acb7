package model

// encoderArchs are the encoder-only (BERT-like) architectures Hearth runs as
// embedding models: bert adds learned absolute positions and runs a GELU
// feed-forward; nomic-bert rotates queries and keys (NeoX RoPE) and runs a
// SwiGLU feed-forward.
var encoderArchs = map[string]bool{"bert": true, "nomic-bert": true}

// EncoderConfig holds the hyperparameters of an encoder model.
type EncoderConfig struct {
	Arch          string
	Dim           int
	Layers        int
	Heads         int
	HeadDim       int
	FFN           int
	ContextLength int
	TokenTypes    int // rows of token_types (tokenizer.ggml.token_type_count)
	NormEps       float32
	RopeBase      float32 // nomic-bert
	Pooling       Pooling
}

// boolMetadata is implemented by files that can read booleans (*gguf.File).
type boolMetadata interface {
	Bool(key string) (bool, bool)
}

// EncoderConfigFrom reads the hyperparameters of an encoder (bert,
// nomic-bert) and checks them. A causal encoder or an unsupported pooling
// type is refused with an error wrapping engine.ErrUnsupported;
// inconsistent values wrap ErrInvalid.
func EncoderConfigFrom(md Metadata) (EncoderConfig, error) {
	name := md.Architecture()
	r := reader{md: md, prefix: name + "."}
	c := EncoderConfig{Arch: name}
	c.Dim = r.dim("embedding_length", 0)
	c.Layers = r.dim("block_count", 0)
	c.Heads = r.layerUniform("attention.head_count", 0)
	c.FFN = r.layerUniform("feed_forward_length", 0)
	c.ContextLength = r.dim("context_length", 0)
	c.NormEps = float32(r.float("attention.layer_norm_epsilon", -1))
	c.RopeBase = float32(r.float("rope.freq_base", 10000))
	if n, ok := md.Uint("tokenizer.ggml.token_type_count"); ok && n <= maxDim {
		c.TokenTypes = int(n)
	}
	if r.err != nil {
		return c, r.err
	}
	if b, ok := md.(boolMetadata); ok {
		if causal, ok := b.Bool(name + ".attention.causal"); ok && causal {
			return c, unsupportedf("%s with causal attention is not supported", name)
		}
	}
	if c.Heads > 0 {
		c.HeadDim = c.Dim / c.Heads
	}
	p, err := readPooling(md, name, PoolingNone)
	if err != nil {
		return c, err
	}
	c.Pooling = p
	return c, c.check()
}

// check refuses inconsistent hyperparameters.
func (c *EncoderConfig) check() error {
	switch {
	case c.Dim <= 0:
		return invalidf("embedding length %d", c.Dim)
	case c.Layers <= 0:
		return invalidf("block count %d", c.Layers)
	case c.Heads <= 0 || c.Dim%c.Heads != 0:
		return invalidf("%d attention heads for an embedding length of %d", c.Heads, c.Dim)
	case c.HeadDim%2 != 0:
		return invalidf("head dimension %d", c.HeadDim)
	case c.FFN <= 0:
		return invalidf("feed-forward length %d", c.FFN)
	case c.ContextLength <= 0:
		return invalidf("context length %d", c.ContextLength)
	case c.TokenTypes <= 0:
		return invalidf("%s needs tokenizer.ggml.token_type_count", c.Arch)
	case !(c.NormEps > 0 && c.NormEps < 1):
		return invalidf("layer norm epsilon %g", c.NormEps)
	case c.Arch == "nomic-bert" && !(c.RopeBase > 1):
		return invalidf("rope frequency base %g", c.RopeBase)
	}
	return nil
}

// ropeConfig is the Config newRope reads for nomic-bert's rotary positions.
func (c *EncoderConfig) ropeConfig() Config {
	return Config{RopeDims: c.HeadDim, RopeBase: c.RopeBase, RopeScale: 1}
}
