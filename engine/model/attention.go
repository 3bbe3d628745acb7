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
	if s.kv8 != nil {
		s.kv8.reserve(n*kernel.Q8Bytes(kv), s.ctx*kernel.Q8Bytes(kv))
	}
	s.cs = s.ropeTable(s.rope, s.cs, n)
	if s.m.swa != nil {
		s.csSWA = s.ropeTable(s.m.swa, s.csSWA, n)
	}
}

// ropeTable extends cs, r's cos/sin table, to positions [0, n).
func (s *Session) ropeTable(r *rope, cs []float32, n int) []float32 {
	dims := s.m.Config.RopeDims
	have := len(cs) / dims
	if have < n {
		cs = growCacheF(cs, n*dims, s.ctx*dims)
		for p := have; p < n; p++ {
			r.table(p, cs[p*dims:(p+1)*dims])
		}
	}
	return cs
}

// growCache extends a cache to n values, doubling its capacity (up to
// limit) when it must reallocate.
func growCache[T uint16 | byte](s []T, n, limit int) []T {
	if n <= len(s) {
		return s
	}
	if n <= cap(s) {
		return s[:n]
	}
	out := make([]T, n, min(max(n, 2*cap(s)), limit))
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
	if s.kv8 != nil {
		s.kv8.store(l, n, p0, kv, s.s.k, s.s.v, &s.s.in)
		return
	}
	kernel.ToF16Slice(s.k[l][p0*kv:(p0+n)*kv], s.s.k[:n*kv])
	kernel.ToF16Slice(s.v[l][p0*kv:(p0+n)*kv], s.s.v[:n*kv])
}

// attention computes causal multi-head attention of the n new queries over
// the cache of layer l into s.s.att, as llama.cpp's non-flash path does:
// queries rounded to binary16 meet binary16 keys, the scaled scores go
// through softmax in float32, and the probabilities, rounded to binary16,
// weight the binary16 values.
func (s *Session) attention(l, n, p0 int) {
	if s.kv8 != nil {
		s.attentionQ8(l, n, p0)
		return
	}
	c := s.m.Config
	keys, vals := s.k[l], s.v[l]
	q := s.s.q
	for i := range q[:n*c.Heads*c.HeadDim] {
		q[i] = kernel.RoundF16(q[i])
	}
	// The jobs (token, head) go in parts, a few per thread as Pool.For
	// would cut them, each with its own row of scores, allocated once.
	jobs, threads := n*c.Heads, 1
	if s.pool != nil {
		threads = s.pool.Threads()
	}
	parts := min(jobs, 4*threads)
	scores := make([]float32, parts*(p0+n))
	window := 0
	if c.sliding(l) {
		window = c.SlidingWindow
	}
	s.pool.For(parts, 1, func(lo, hi int) {
		for part := lo; part < hi; part++ {
			sc := scores[part*(p0+n) : (part+1)*(p0+n)]
			for job := part * jobs / parts; job < (part+1)*jobs/parts; job++ {
				s.attend(sc, job, keys, vals, p0, window)
			}
		}
	})
}

// attend computes one job of attention, head job%Heads of token job/Heads,
// with the scratch scores (at least p0+t+1 of them). With a window, the
// query at position p sees the keys at positions p-window+1...p, as
// llama.cpp's standard sliding-window mask leaves them.
func (s *Session) attend(scores []float32, job int, keys, vals []uint16, p0, window int) {
	c := s.m.Config
	hd := c.HeadDim
	kv := c.KVHeads * hd
	t, h := job/c.Heads, job%c.Heads
	off := h / (c.Heads / c.KVHeads) * hd
	first := 0
	if window > 0 {
		first = max(0, p0+t-window+1)
	}
	sc := scores[:p0+t+1-first]
	kernel.DotF16Rows(sc, keys[first*kv:], kv, off, s.s.q[job*hd:(job+1)*hd], s.m.scale)
	kernel.Softmax(sc)
	for j, p := range sc {
		sc[j] = kernel.RoundF16(p)
	}
	o := s.s.att[job*hd : (job+1)*hd]
	clear(o)
	kernel.AxpyF16Rows(o, sc, vals[first*kv:], kv, off)
}
