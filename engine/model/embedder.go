package model

import (
	"context"
	"fmt"
	"math"

	"github.com/hearth-app/hearth/engine/kernel"
)

// Embedder computes text embeddings with a model: an encoder (bert,
// nomic-bert) or a decoder read at its last token (Qwen3-Embedding). It is
// safe for concurrent use.
type Embedder struct {
	enc     *Encoder
	dec     *Model
	pooling Pooling
}

// IsEncoder reports whether arch is an encoder-only embedding architecture,
// which can embed but not generate.
func IsEncoder(arch string) bool { return encoderArchs[arch] }

// IsEmbedding reports whether the model described by md is an embedding
// model: an encoder, or a decoder whose metadata sets a pooling type.
func IsEmbedding(md Metadata) bool {
	arch := md.Architecture()
	if encoderArchs[arch] {
		return true
	}
	p, ok := md.Uint(arch + ".pooling_type")
	return ok && p != uint64(PoolingNone)
}

// LoadEmbedder reads an embedding model from an open file, which must stay
// open while it is used. A decoder must say {arch}.pooling_type "last" (as
// Qwen3-Embedding does); generative models without a pooling type, other
// poolings of decoders, and architectures that are neither are refused
// with an error wrapping engine.ErrUnsupported.
func LoadEmbedder(f File) (*Embedder, error) {
	arch := f.Architecture()
	if encoderArchs[arch] {
		enc, err := loadEncoder(f)
		if err != nil {
			return nil, fmt.Errorf("load embedding model: %w", err)
		}
		return &Embedder{enc: enc, pooling: enc.Config.Pooling}, nil
	}
	if _, ok := familyOf(arch); !ok {
		return nil, fmt.Errorf("load embedding model: %w", unsupportedf("architecture %q is not supported", arch))
	}
	if !IsEmbedding(f) {
		return nil, fmt.Errorf("load embedding model: %w", unsupportedf("this %s model is a generative model, not an embedding model (it has no %s.pooling_type)", arch, arch))
	}
	p, err := readPooling(f, arch, PoolingLast)
	if err == nil && p != PoolingLast {
		err = unsupportedf("%s embeddings with pooling type %q are not supported (only last)", arch, p)
	}
	if err != nil {
		return nil, fmt.Errorf("load embedding model: %w", err)
	}
	dec, err := Load(f)
	if err != nil {
		return nil, err
	}
	return &Embedder{dec: dec, pooling: p}, nil
}

// Embed returns one unit-length vector per token sequence (tokens as the
// model's tokenizer gives them, special tokens included). Sequences longer
// than ContextLength are refused with an error wrapping
// engine.ErrContextFull.
func (e *Embedder) Embed(ctx context.Context, pool *kernel.Pool, seqs [][]int32) ([][]float32, error) {
	var out [][]float32
	var err error
	if e.enc != nil {
		out, err = e.enc.embed(ctx, pool, seqs)
	} else {
		out, err = e.dec.embedLast(ctx, pool, seqs)
	}
	if err != nil {
		return nil, fmt.Errorf("embed: %w", err)
	}
	for _, v := range out {
		normalize(v)
	}
	return out, nil
}

// Dim returns the length of the vectors.
func (e *Embedder) Dim() int {
	if e.enc != nil {
		return e.enc.Config.Dim
	}
	return e.dec.Config.Dim
}

// ContextLength returns the most tokens one text may have.
func (e *Embedder) ContextLength() int {
	if e.enc != nil {
		return e.enc.Config.ContextLength
	}
	return e.dec.Config.ContextLength
}

// Vocab returns the number of tokens the model has embeddings for.
func (e *Embedder) Vocab() int {
	if e.enc != nil {
		return e.enc.w.vocab
	}
	return e.dec.Vocab()
}

// Arch returns the model's architecture.
func (e *Embedder) Arch() string {
	if e.enc != nil {
		return e.enc.Config.Arch
	}
	return e.dec.Config.Arch
}

// Pooling returns how token vectors become a text's vector.
func (e *Embedder) Pooling() Pooling { return e.pooling }

// Quantization names the type of most of the model's weight bytes.
func (e *Embedder) Quantization() string {
	if e.enc != nil {
		return e.enc.quantization()
	}
	return e.dec.Quantization()
}

// normalize scales v to unit Euclidean length (the norm summed in float64);
// a zero vector stays zero.
func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
}
