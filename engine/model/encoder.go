package model

import (
	"context"
	"fmt"
	"math"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/quant"
)

// passTokens is how many tokens one encoder pass packs, whole texts at a
// time (a text longer than this goes alone): enough rows for the matrix
// products to reuse each weight row many times, few enough to bound the
// scratch memory.
const passTokens = 2048

// Encoder is a loaded encoder-only embedding model (bert, nomic-bert). It
// is safe for concurrent use.
type Encoder struct {
	Config EncoderConfig
	w      encoderWeights
	rope   *rope // nomic-bert
	scale  float32
}

// loadEncoder reads an encoder model from an open file.
func loadEncoder(f File) (*Encoder, error) {
	c, err := EncoderConfigFrom(f)
	if err != nil {
		return nil, err
	}
	w, err := loadEncoderWeights(c, f)
	if err != nil {
		return nil, err
	}
	e := &Encoder{Config: c, w: w, scale: float32(1 / math.Sqrt(float64(c.HeadDim)))}
	if c.Arch == "nomic-bert" {
		e.rope = newRope(c.ropeConfig(), true, nil)
	}
	return e, nil
}

// embed returns the pooled (not yet normalized) vector of each token
// sequence, packing several sequences into each pass.
func (e *Encoder) embed(ctx context.Context, pool *kernel.Pool, seqs [][]int32) ([][]float32, error) {
	for i, s := range seqs {
		if err := e.checkSeq(s); err != nil {
			return nil, fmt.Errorf("text %d: %w", i, err)
		}
	}
	out := make([][]float32, 0, len(seqs))
	var sc encScratch
	for start := 0; start < len(seqs); {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		end, n := start+1, len(seqs[start])
		for end < len(seqs) && n+len(seqs[end]) <= passTokens {
			n += len(seqs[end])
			end++
		}
		vecs, err := e.pass(pool, &sc, seqs[start:end])
		if err != nil {
			return nil, err
		}
		out = append(out, vecs...)
		start = end
	}
	return out, nil
}

// checkSeq refuses an empty sequence, one longer than the context and
// tokens outside the vocabulary.
func (e *Encoder) checkSeq(s []int32) error {
	switch {
	case len(s) == 0:
		return fmt.Errorf("no tokens")
	case len(s) > e.Config.ContextLength:
		return fmt.Errorf("%d tokens, the context holds %d: %w", len(s), e.Config.ContextLength, engine.ErrContextFull)
	}
	for _, t := range s {
		if t < 0 || int(t) >= e.w.vocab {
			return fmt.Errorf("token %d outside the vocabulary of %d", t, e.w.vocab)
		}
	}
	return nil
}

// quantization names the type of most of the encoder's weight bytes.
func (e *Encoder) quantization() string {
	bytes := map[quant.Type]int{}
	for _, l := range e.w.layers {
		for _, m := range []kernel.Matrix{l.wq, l.wk, l.wv, l.wo, l.wUp, l.wGate, l.wDown} {
			bytes[m.Type] += len(m.Data)
		}
	}
	best, most := quant.F32, -1
	for t, n := range bytes {
		if n > most || n == most && t < best {
			best, most = t, n
		}
	}
	return best.String()
}
