package model

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine/kernel"
)

// CacheType is the element type of a session's KV cache.
type CacheType int

// The KV cache types: binary16 (the default, llama.cpp's F16 cache) and Q8_0
// blocks (llama.cpp's -ctk q8_0 -ctv q8_0), which hold 32 values in 34
// bytes instead of 64.
const (
	CacheF16 CacheType = iota
	CacheQ8_0
)

var errCacheType = errors.New("unknown KV cache type")

// ErrCacheUnsupported is returned by NewSessionKV for a cache type the
// model's shape does not allow (Q8_0 with heads that are not whole blocks).
var ErrCacheUnsupported = errors.New("KV cache type not supported by this model")

// String returns the type's name as llama.cpp spells it ("f16", "q8_0").
func (t CacheType) String() string {
	switch t {
	case CacheF16:
		return "f16"
	case CacheQ8_0:
		return "q8_0"
	}
	return fmt.Sprintf("CacheType(%d)", int(t))
}

// ParseCacheType returns the cache type named s ("f16" or "q8_0", in any
// case).
func ParseCacheType(s string) (CacheType, error) {
	switch strings.ToLower(s) {
	case "f16":
		return CacheF16, nil
	case "q8_0":
		return CacheQ8_0, nil
	}
	return 0, fmt.Errorf("KV cache type %q is not f16 or q8_0: %w", s, errCacheType)
}

// CacheType returns the type of the session's KV cache.
func (s *Session) CacheType() CacheType {
	if s.kv8 != nil {
		return CacheQ8_0
	}
	return CacheF16
}

// KVBytes returns the bytes the KV cache takes for n positions, keys and
// values of every layer.
func (s *Session) KVBytes(n int) int64 { return s.m.Config.KVBytes(s.CacheType(), n) }

// SupportsCache reports whether a session of the model can hold its KV
// cache as t: Q8_0 needs a head size that is a multiple of 32.
func (c Config) SupportsCache(t CacheType) bool {
	switch t {
	case CacheF16:
		return true
	case CacheQ8_0:
		return c.HeadDim%32 == 0
	}
	return false
}

// KVBytes returns the bytes a KV cache of type t takes for n positions,
// keys and values of every layer, as Session.KVBytes counts them: what a
// session would take, known from the metadata alone.
func (c Config) KVBytes(t CacheType, n int) int64 {
	kv := c.KVHeads * c.HeadDim
	per := 2 * kv // binary16
	if t == CacheQ8_0 {
		per = kernel.Q8Bytes(kv)
	}
	return 2 * int64(c.Layers) * int64(n) * int64(per)
}

// q8Cache is a KV cache of Q8_0 blocks: per layer, position after position
// of KVHeads·HeadDim values (a whole number of blocks per head).
type q8Cache struct {
	k, v [][]byte
	ins  []kernel.Input // one query-quantization scratch per part of a layer's attention
	// tamper, when set (by tests), may change the blocks just stored, to
	// show that the accuracy test catches a broken cache.
	tamper func(blocks []byte)
}

func newQ8Cache(layers int) *q8Cache {
	return &q8Cache{k: make([][]byte, layers), v: make([][]byte, layers)}
}

// reserve makes every layer hold n bytes of keys and of values, growing up
// to limit bytes.
func (c *q8Cache) reserve(n, limit int) {
	for l := range c.k {
		c.k[l] = growCache(c.k[l], n, limit)
		c.v[l] = growCache(c.v[l], n, limit)
	}
}

// store quantizes the n new rows of kv keys and values of layer l (in k and
// v) into the cache at positions p0..., as ggml copies them into a Q8_0
// cache.
func (c *q8Cache) store(l, n, p0, kv int, k, v []float32, in *kernel.Input) {
	rb := kernel.Q8Bytes(kv)
	kernel.QuantizeQ8(c.k[l][p0*rb:(p0+n)*rb], k[:n*kv], in)
	kernel.QuantizeQ8(c.v[l][p0*rb:(p0+n)*rb], v[:n*kv], in)
	if c.tamper != nil {
		c.tamper(c.k[l][p0*rb : (p0+n)*rb])
		c.tamper(c.v[l][p0*rb : (p0+n)*rb])
	}
}

// attentionQ8 is attention over a Q8_0 cache, as llama.cpp's CPU flash
// attention computes it (llama.cpp needs flash attention for a quantized V
// cache): each query, unrounded, is quantized to Q8_0 for its integer
// product with the keys; the scaled scores go through a float32 softmax
// whose exponentials weight the dequantized values in float32, and the sum
// is divided by theirs at the end.
func (s *Session) attentionQ8(l, n, p0 int) {
	c := s.m.Config
	jobs, threads := n*c.Heads, 1
	if s.pool != nil {
		threads = s.pool.Threads()
	}
	parts := min(jobs, 4*threads)
	if len(s.kv8.ins) < parts {
		s.kv8.ins = make([]kernel.Input, parts)
	}
	scores := make([]float32, parts*(p0+n))
	window := 0
	if c.sliding(l) {
		window = c.SlidingWindow
	}
	s.pool.For(parts, 1, func(lo, hi int) {
		for part := lo; part < hi; part++ {
			sc := scores[part*(p0+n) : (part+1)*(p0+n)]
			for job := part * jobs / parts; job < (part+1)*jobs/parts; job++ {
				s.attendQ8(sc, job, l, p0, window, &s.kv8.ins[part])
			}
		}
	})
}

// attendQ8 computes one job of attentionQ8, head job%Heads of token
// job/Heads, as attend does for the binary16 cache.
func (s *Session) attendQ8(scores []float32, job, l, p0, window int, in *kernel.Input) {
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
	rows := kernel.Q8Bytes(first * kv)
	kernel.DotQ8Rows(sc, s.kv8.k[l][rows:], kv, off, s.s.q[job*hd:(job+1)*hd], s.m.scale, in)
	m := sc[0]
	for _, x := range sc {
		m = max(m, x)
	}
	kernel.ExpShift(sc, m)
	var sum float32
	for _, e := range sc {
		sum += e
	}
	o := s.s.att[job*hd : (job+1)*hd]
	clear(o)
	kernel.AxpyQ8Rows(o, sc, s.kv8.v[l][rows:], kv, off)
	inv := 1 / sum
	for i := range o {
		o[i] *= inv
	}
}
