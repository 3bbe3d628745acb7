package model

import (
	"fmt"
	"math"

	"github.com/hearth-app/hearth/engine/kernel"
)

// scratch holds the activations of one forward pass, reused between passes.
type scratch struct {
	x, xn, o []float32 // n·Dim
	q, att   []float32 // n·Heads·HeadDim
	k, v     []float32 // n·KVHeads·HeadDim
	gate, up []float32 // n·FFN
	logits   []float32
	fused    []float32 // the output of a fused product before it is split
	in       kernel.Input
	set      []kernel.Product // products computed in one hand-off
	moe      moeScratch
}

func (sc *scratch) grow(c Config, n int) {
	q, kv := c.Heads*c.HeadDim, c.KVHeads*c.HeadDim
	sc.x = growF(sc.x, n*c.Dim)
	sc.xn = growF(sc.xn, n*c.Dim)
	sc.o = growF(sc.o, n*c.Dim)
	sc.q = growF(sc.q, n*q)
	sc.att = growF(sc.att, n*q)
	sc.k = growF(sc.k, n*kv)
	sc.v = growF(sc.v, n*kv)
	sc.gate = growF(sc.gate, n*c.FFN)
	sc.up = growF(sc.up, n*c.FFN)
}

func growF(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// forward runs the model over tokens (at most maxBatch) following the cached
// ones and returns logits when wanted: for every token with all, else for
// the last one. The returned slice is only valid until the next call.
func (s *Session) forward(tokens []int32, all, want bool) ([]float32, error) {
	c := s.m.Config
	n, p0 := len(tokens), len(s.tokens)
	s.s.grow(c, n)
	s.reserve(p0 + n)
	x := s.s.x
	for t, tok := range tokens {
		if err := s.m.w.embed.DequantizeRow(int(tok), x[t*c.Dim:(t+1)*c.Dim]); err != nil {
			return nil, fmt.Errorf("forward: embedding: %w", err)
		}
	}
	if c.fam.block.embedScale {
		scaleBy(x[:n*c.Dim], float32(math.Sqrt(float64(c.Dim))))
	}
	for l := range s.m.w.layers {
		if err := s.layer(l, n, p0); err != nil {
			return nil, fmt.Errorf("forward: layer %d: %w", l, err)
		}
	}
	s.tokens = append(s.tokens, tokens...)
	if !want {
		return nil, nil
	}
	return s.output(n, all)
}

// output applies the final norm and the output matrix to the last row of x,
// or to every row with all.
func (s *Session) output(n int, all bool) ([]float32, error) {
	c, w := s.m.Config, s.m.w
	rows, first := 1, n-1
	if all {
		rows, first = n, 0
	}
	xn := s.s.xn[:rows*c.Dim]
	for t := range rows {
		r := (first + t) * c.Dim
		kernel.RMSNorm(xn[t*c.Dim:(t+1)*c.Dim], s.s.x[r:r+c.Dim], w.outputNorm, c.RMSEps)
	}
	s.s.logits = growF(s.s.logits, rows*w.vocab)
	s.s.in.Set(xn, rows, c.Dim)
	if err := kernel.MatMul(s.pool, w.output, &s.s.in, s.s.logits); err != nil {
		return nil, fmt.Errorf("forward: output: %w", err)
	}
	if c.SoftCap > 0 {
		softCap(s.s.logits, c.SoftCap)
	}
	return s.s.logits, nil
}

// softCap replaces each logit x by tanh(x/limit)·limit, as llama.cpp's
// scale, tanh, scale.
func softCap(x []float32, limit float32) {
	inv := 1 / limit
	for i, v := range x {
		x[i] = float32(math.Tanh(float64(v*inv))) * limit
	}
}

// scaleBy multiplies every value of x by f.
func scaleBy(x []float32, f float32) {
	for i := range x {
		x[i] *= f
	}
}

// layer runs block l over the n rows of x at positions p0...
func (s *Session) layer(l, n, p0 int) error {
	c, ly := s.m.Config, &s.m.w.layers[l]
	sc := &s.s
	normRows(sc.xn, sc.x, ly.attnNorm, n, c.Dim, c.RMSEps)
	sc.in.Set(sc.xn, n, c.Dim)
	if err := s.qkv(ly, n); err != nil {
		return err
	}
	s.positionQK(ly, n, p0, c.sliding(l))
	s.store(l, n, p0)
	s.attention(l, n, p0)
	sc.in.Set(sc.att, n, c.Heads*c.HeadDim)
	if err := kernel.MatMul(s.pool, ly.wo, &sc.in, sc.o); err != nil {
		return err
	}
	if ly.postAttn != nil {
		normRows(sc.o, sc.o, ly.postAttn, n, c.Dim, c.RMSEps)
	}
	kernel.Add(sc.x[:n*c.Dim], sc.o)
	return s.ffn(ly, n)
}

// qkv computes the query, key and value projections (with qwen2's biases),
// from one fused matrix when the model has one.
func (s *Session) qkv(ly *layer, n int) error {
	sc := &s.s
	if ly.wqkv.Data != nil {
		return s.fusedQKV(ly, n)
	}
	sc.set = append(sc.set[:0],
		kernel.Product{M: ly.wq, In: &sc.in, Out: sc.q},
		kernel.Product{M: ly.wk, In: &sc.in, Out: sc.k},
		kernel.Product{M: ly.wv, In: &sc.in, Out: sc.v})
	if err := kernel.Products(s.pool, sc.set); err != nil {
		return err
	}
	for _, p := range []struct{ out, bias []float32 }{{sc.q, ly.bq}, {sc.k, ly.bk}, {sc.v, ly.bv}} {
		if p.bias != nil {
			for t := range n {
				kernel.Add(p.out[t*len(p.bias):(t+1)*len(p.bias)], p.bias)
			}
		}
	}
	return nil
}

// fusedQKV computes the projections with one product and splits each row
// into its query, key and value.
func (s *Session) fusedQKV(ly *layer, n int) error {
	c, sc := s.m.Config, &s.s
	q, kv := c.Heads*c.HeadDim, c.KVHeads*c.HeadDim
	w := q + 2*kv
	sc.fused = growF(sc.fused, n*w)
	if err := kernel.MatMul(s.pool, ly.wqkv, &sc.in, sc.fused); err != nil {
		return err
	}
	for t := range n {
		row := sc.fused[t*w : (t+1)*w]
		copy(sc.q[t*q:(t+1)*q], row[:q])
		copy(sc.k[t*kv:(t+1)*kv], row[q:q+kv])
		copy(sc.v[t*kv:(t+1)*kv], row[q+kv:])
	}
	return nil
}

// positionQK applies the per-head norms (qkNorm), RoPE (the sliding-window
// layers' own when sliding) and the query scale to the queries and keys.
func (s *Session) positionQK(ly *layer, n, p0 int, sliding bool) {
	c, sc := s.m.Config, &s.s
	hd := c.HeadDim
	r, table := s.rope, s.cs
	if sliding && s.m.swa != nil {
		r, table = s.m.swa, s.csSWA
	}
	for t := range n {
		cs := table[(p0+t)*c.RopeDims : (p0+t+1)*c.RopeDims]
		for h := range c.Heads {
			head := sc.q[(t*c.Heads+h)*hd : (t*c.Heads+h+1)*hd]
			if ly.qNorm != nil {
				kernel.RMSNorm(head, head, ly.qNorm, c.RMSEps)
			}
			r.apply(head, cs)
			if s.m.qScale != 1 {
				scaleBy(head, s.m.qScale)
			}
		}
		for h := range c.KVHeads {
			head := sc.k[(t*c.KVHeads+h)*hd : (t*c.KVHeads+h+1)*hd]
			if ly.kNorm != nil {
				kernel.RMSNorm(head, head, ly.kNorm, c.RMSEps)
			}
			r.apply(head, cs)
		}
	}
}

// ffn runs the gated feed-forward block (SwiGLU or GeGLU) and adds it to x.
func (s *Session) ffn(ly *layer, n int) error {
	c, sc := s.m.Config, &s.s
	normRows(sc.xn, sc.x, ly.ffnNorm, n, c.Dim, c.RMSEps)
	sc.in.Set(sc.xn, n, c.Dim)
	if ly.router.Data != nil {
		if err := s.moe(ly, n); err != nil {
			return err
		}
		kernel.Add(sc.x[:n*c.Dim], sc.o)
		return nil
	}
	if err := s.gateUp(ly, n); err != nil {
		return err
	}
	s.activate(sc.gate[:n*c.FFN], sc.up)
	sc.in.Set(sc.gate, n, c.FFN)
	if err := kernel.MatMul(s.pool, ly.wDown, &sc.in, sc.o); err != nil {
		return err
	}
	if ly.postFFN != nil {
		normRows(sc.o, sc.o, ly.postFFN, n, c.Dim, c.RMSEps)
	}
	kernel.Add(sc.x[:n*c.Dim], sc.o)
	return nil
}

// gateUp computes the gate and up projections of the n rows in s.s.in
// into s.s.gate and s.s.up, from one fused matrix (gate first in each row)
// when the model has one.
func (s *Session) gateUp(ly *layer, n int) error {
	c, sc := s.m.Config, &s.s
	if ly.wGate.Data != nil {
		sc.set = append(sc.set[:0],
			kernel.Product{M: ly.wGate, In: &sc.in, Out: sc.gate},
			kernel.Product{M: ly.wUp, In: &sc.in, Out: sc.up})
		return kernel.Products(s.pool, sc.set)
	}
	f := c.FFN
	sc.fused = growF(sc.fused, n*2*f)
	if err := kernel.MatMul(s.pool, ly.wUp, &sc.in, sc.fused); err != nil {
		return err
	}
	for t := range n {
		row := sc.fused[t*2*f : (t+1)*2*f]
		copy(sc.gate[t*f:(t+1)*f], row[:f])
		copy(sc.up[t*f:(t+1)*f], row[f:])
	}
	return nil
}

// activate replaces gate by act(gate)·up, act the family's activation.
func (s *Session) activate(gate, up []float32) {
	if s.m.Config.fam.block.act == actGELU {
		geluPar(s.pool, gate)
		up = up[:len(gate)]
		for i := range gate {
			gate[i] *= up[i]
		}
		return
	}
	kernel.SwiGLU(gate, gate, up)
}

// normRows RMS-normalizes each of the n rows of x into dst with weight w.
func normRows(dst, x, w []float32, n, dim int, eps float32) {
	for t := range n {
		kernel.RMSNorm(dst[t*dim:(t+1)*dim], x[t*dim:(t+1)*dim], w, eps)
	}
}
