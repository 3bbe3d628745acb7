package model

import (
	"context"
	"fmt"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/kernel"
)

// embedLast returns, for each sequence, the decoder's final normalized
// hidden state at its last token (llama.cpp's "last" pooling), one
// sequence at a time with causal attention.
func (m *Model) embedLast(ctx context.Context, pool *kernel.Pool, seqs [][]int32) ([][]float32, error) {
	out := make([][]float32, len(seqs))
	for i, seq := range seqs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(seq) == 0 {
			return nil, fmt.Errorf("text %d: no tokens", i)
		}
		s := m.NewSession(len(seq), pool)
		if len(seq) > s.ctx {
			return nil, fmt.Errorf("text %d: %d tokens, the context holds %d: %w", i, len(seq), s.ctx, engine.ErrContextFull)
		}
		v, err := s.lastHidden(seq)
		if err != nil {
			return nil, fmt.Errorf("text %d: %w", i, err)
		}
		out[i] = v
	}
	return out, nil
}

// lastHidden runs tokens through the session and returns the final norm of
// the last token's hidden state.
func (s *Session) lastHidden(tokens []int32) ([]float32, error) {
	c := s.m.Config
	for _, t := range tokens {
		if t < 0 || int(t) >= s.m.w.vocab {
			return nil, fmt.Errorf("token %d outside the vocabulary of %d", t, s.m.w.vocab)
		}
	}
	n := 0
	for start := 0; start < len(tokens); start += maxBatch {
		chunk := tokens[start:min(start+maxBatch, len(tokens))]
		if _, err := s.forward(chunk, false, false); err != nil {
			return nil, err
		}
		n = len(chunk)
	}
	v := make([]float32, c.Dim)
	kernel.RMSNorm(v, s.s.x[(n-1)*c.Dim:n*c.Dim], s.m.w.outputNorm, c.RMSEps)
	return v, nil
}
