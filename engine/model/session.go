package model

import (
	"fmt"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/kernel"
)

// maxBatch is the most prompt tokens one forward pass computes at once;
// longer prompts go in several passes, bounding the scratch memory.
const maxBatch = 256

// Session is one sequence being evaluated: the tokens seen so far and their
// keys and values in the cache. It is not safe for concurrent use.
type Session struct {
	m      *Model
	pool   *kernel.Pool
	ctx    int
	tokens []int32
	k, v   [][]uint16 // per layer: position after position of KVHeads·HeadDim binary16 values
	kv8    *q8Cache   // the cache as Q8_0 blocks instead of k and v; nil for binary16
	rope   *rope      // the model's RoPE for this session's context
	cs     []float32  // RoPE cos/sin per position
	csSWA  []float32  // the same for the sliding-window layers' RoPE, if the model has one
	s      scratch
	// observeRoute, when set (by tests), receives each routed position's
	// routeMargin in every mixture-of-experts layer.
	observeRoute func(pos int, margin float32)
}

// NewSession returns an empty session holding at most contextLen tokens
// (the model's trained context when contextLen <= 0 or larger), computing on
// pool's threads, with a binary16 KV cache. The cache grows as tokens come,
// up to contextLen.
func (m *Model) NewSession(contextLen int, pool *kernel.Pool) *Session {
	if contextLen <= 0 || contextLen > m.Config.ContextLength {
		contextLen = m.Config.ContextLength
	}
	return &Session{
		m:    m,
		pool: pool,
		ctx:  contextLen,
		rope: m.ropeFor(contextLen),
		k:    make([][]uint16, m.Config.Layers),
		v:    make([][]uint16, m.Config.Layers),
	}
}

// NewSessionKV is NewSession with the KV cache held as kv: CacheF16 (the
// default) or CacheQ8_0, which takes 34 bytes per 32 values instead of 64.
// Q8_0 needs a head size that is a multiple of 32, as llama.cpp's does.
func (m *Model) NewSessionKV(contextLen int, kv CacheType, pool *kernel.Pool) (*Session, error) {
	s := m.NewSession(contextLen, pool)
	switch kv {
	case CacheF16:
	case CacheQ8_0:
		if !m.Config.SupportsCache(kv) {
			return nil, fmt.Errorf("new session: a Q8_0 KV cache needs a head size that is a multiple of 32, the model's is %d: %w",
				m.Config.HeadDim, ErrCacheUnsupported)
		}
		s.k, s.v = nil, nil
		s.kv8 = newQ8Cache(m.Config.Layers)
	default:
		return nil, fmt.Errorf("new session: KV cache type %d: %w", kv, errCacheType)
	}
	return s, nil
}

// ContextLength returns the most tokens the session can hold.
func (s *Session) ContextLength() int { return s.ctx }

// Tokens returns the tokens in the cache, in order. The slice must not be
// modified.
func (s *Session) Tokens() []int32 { return s.tokens }

// Truncate forgets every token after the first n, so that a new sequence
// sharing those n tokens continues from them.
func (s *Session) Truncate(n int) {
	if n < len(s.tokens) {
		s.tokens = s.tokens[:max(n, 0)]
	}
}

// SetPool changes the pool the session computes with.
func (s *Session) SetPool(p *kernel.Pool) { s.pool = p }

// Forward appends tokens to the sequence and returns the logits that follow:
// Vocab values for the last token, or, with all set, Vocab values for each of
// the tokens in order. Tokens that would overflow the context are refused
// with an error wrapping engine.ErrContextFull, leaving the session as it
// was.
func (s *Session) Forward(tokens []int32, all bool) ([]float32, error) {
	if len(tokens) == 0 {
		return nil, fmt.Errorf("forward: no tokens")
	}
	if n := len(s.tokens) + len(tokens); n > s.ctx {
		return nil, fmt.Errorf("forward: %d tokens after %d cached need %d positions, the context holds %d: %w",
			len(tokens), len(s.tokens), n, s.ctx, engine.ErrContextFull)
	}
	vocab := s.m.w.vocab
	for _, t := range tokens {
		if t < 0 || int(t) >= vocab {
			return nil, fmt.Errorf("forward: token %d outside the vocabulary of %d", t, vocab)
		}
	}
	var out []float32
	for start := 0; start < len(tokens); start += maxBatch {
		chunk := tokens[start:min(start+maxBatch, len(tokens))]
		last := start+len(chunk) == len(tokens)
		logits, err := s.forward(chunk, all, all || last)
		if err != nil {
			return nil, err
		}
		if all || last {
			out = append(out, logits...)
		}
	}
	return out, nil
}
