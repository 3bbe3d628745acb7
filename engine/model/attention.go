package model

import (
	"github.com/hearth-app/hearth/engine/kernel"
)

// reserve makes the caches and the RoPE table hold positions [0, n).
func (s *Session) reserve(n int) {
	c := s.m.Config
	kv := c.KVHeads * c.HeadDim
	for l := range s.k {
		s.k[l] = growCache(s.k[l], n*kv, s.ctx*kv)
		s.v[l] = growCache(s.v[l], n*kv, s.ctx*kv)
	}
	have := len(s.cs) / c.RopeDims
	if have < n {
		s.cs = growCacheF(s.cs, n*c.RopeDims, s.ctx*c.RopeDims)
		for p := have; p < n; p++ {
			s.m.rope.table(p, s.cs[p*c.RopeDims:(p+1)*c.RopeDims])
		}
	}
}

// growCache extends a cache to n values, doubling its capacity (up to
// limit) when it must reallocate.
func growCache(s []uint16, n, limit int) []uint16 {
	if n <= len(s) {
		return s
	}
	if n <= cap(s) {
		return s[:n]
	}
	out := make([]uint16, n, min(max(n, 2*cap(s)), limit))
	copy(out, s)
	return out
}

func growCacheF(s []float32, n, limit int) []float32 {
	if n <= cap(s) {
		return s[:n]
	}
	out := make([]float32, n, min(max(n, 2*cap(s)), limit))
	copy(out, s)
	return out
}

// store writes the n new keys and values of layer l into the cache as
// binary16, as llama.cpp's F16 cache holds them.
func (s *Session) store(l, n, p0 int) {
	kv := s.m.Config.KVHeads * s.m.Config.HeadDim
	kernel.ToF16Slice(s.k[l][p0*kv:(p0+n)*kv], s.s.k[:n*kv])
	kernel.ToF16Slice(s.v[l][p0*kv:(p0+n)*kv], s.s.v[:n*kv])
}

// attention computes causal multi-head attention of the n new queries over
// the cache of layer l into s.s.att, as llama.cpp's non-flash path does:
// queries rounded to binary16 meet binary16 keys, the scaled scores go
// through softmax in float32, and the probabilities, rounded to binary16,
// weight the binary16 values.
func (s *Session) attention(l, n, p0 int) {
	c := s.m.Config
	hd, group := c.HeadDim, c.Heads/c.KVHeads
	kv := c.KVHeads * hd
	keys, vals := s.k[l], s.v[l]
	q, out := s.s.q, s.s.att
	for i := range q[:n*c.Heads*hd] {
		q[i] = kernel.RoundF16(q[i])
	}
	s.pool.For(n*c.Heads, 1, func(lo, hi int) {
		scores := make([]float32, p0+n)
		for job := lo; job < hi; job++ {
			t, h := job/c.Heads, job%c.Heads
			g := h / group
			qh := q[job*hd : (job+1)*hd]
			sc := scores[:p0+t+1]
			for j := range sc {
				sc[j] = kernel.DotF16(keys[j*kv+g*hd:j*kv+(g+1)*hd], qh) * s.m.scale
			}
			kernel.Softmax(sc)
			o := out[job*hd : (job+1)*hd]
			clear(o)
			for j, p := range sc {
				kernel.AxpyF16(o, kernel.RoundF16(p), vals[j*kv+g*hd:j*kv+(g+1)*hd])
			}
		}
	})
}
