package model

import (
	"fmt"

	"github.com/hearth-app/hearth/engine/kernel"
)

// encScratch holds the activations of one encoder pass, reused between the
// passes of a call.
type encScratch struct {
	x, xn, o, q, k, v, att []float32 // n·Dim
	kt, vt                 []float32 // n·Dim: keys and values per text and head, transposed
	up, gate               []float32 // n·FFN
	pos                    []int     // per token: its position in its text
	start, end             []int     // per token: the rows of its text
	cs                     []float32 // RoPE cos/sin per position
	in                     kernel.Input
}

func (sc *encScratch) grow(c EncoderConfig, n int) {
	for _, p := range []*[]float32{&sc.x, &sc.xn, &sc.o, &sc.q, &sc.k, &sc.v, &sc.att, &sc.kt, &sc.vt} {
		*p = growF(*p, n*c.Dim)
	}
	sc.up = growF(sc.up, n*c.FFN)
	sc.gate = growF(sc.gate, n*c.FFN)
	sc.pos, sc.start, sc.end = sc.pos[:0], sc.start[:0], sc.end[:0]
}

// pass runs the encoder over seqs packed into one batch (attention stays
// within each sequence) and returns each sequence's pooled vector.
func (e *Encoder) pass(pool *kernel.Pool, sc *encScratch, seqs [][]int32) ([][]float32, error) {
	c := e.Config
	n := 0
	for _, s := range seqs {
		n += len(s)
	}
	sc.grow(c, n)
	if err := e.embedTokens(sc, seqs); err != nil {
		return nil, fmt.Errorf("encoder: embedding: %w", err)
	}
	for l := range e.w.layers {
		if err := e.layer(pool, sc, &e.w.layers[l], n); err != nil {
			return nil, fmt.Errorf("encoder: layer %d: %w", l, err)
		}
	}
	return e.pool(sc, seqs), nil
}

// embedTokens writes the normalized input rows: token embedding, token type
// 0 and (bert) the absolute position, then the embedding layer norm. It also
// records each token's position and text, and the RoPE table.
func (e *Encoder) embedTokens(sc *encScratch, seqs [][]int32) error {
	c, w := e.Config, &e.w
	row, longest := 0, 0
	for _, s := range seqs {
		longest = max(longest, len(s))
		for p, tok := range s {
			x := sc.xn[row*c.Dim : (row+1)*c.Dim]
			if err := w.embed.DequantizeRow(int(tok), x); err != nil {
				return err
			}
			if w.typeRow != nil {
				kernel.Add(x, w.typeRow)
			}
			if c.Arch == "bert" {
				if err := w.pos.DequantizeRow(p, sc.o[:c.Dim]); err != nil {
					return err
				}
				kernel.Add(x, sc.o[:c.Dim])
			}
			sc.pos = append(sc.pos, p)
			sc.start = append(sc.start, row-p)
			sc.end = append(sc.end, row-p+len(s))
			row++
		}
	}
	layerNormRows(nil, sc.x, sc.xn, w.embNorm, w.embNB, row, c.Dim, c.NormEps)
	if e.rope != nil {
		sc.cs = growF(sc.cs, longest*c.HeadDim)
		for p := range longest {
			e.rope.table(p, sc.cs[p*c.HeadDim:(p+1)*c.HeadDim])
		}
	}
	return nil
}

// layer runs one encoder block over the n rows of x: attention, residual,
// layer norm, feed-forward, residual, layer norm (post-norm, as BERT).
func (e *Encoder) layer(pool *kernel.Pool, sc *encScratch, ly *encoderLayer, n int) error {
	c := e.Config
	d := c.Dim
	sc.in.Set(sc.x, n, d)
	for _, p := range []struct {
		m    kernel.Matrix
		bias []float32
		out  []float32
	}{{ly.wq, ly.bq, sc.q}, {ly.wk, ly.bk, sc.k}, {ly.wv, ly.bv, sc.v}} {
		if err := matmulBias(pool, p.m, &sc.in, p.out, p.bias, n); err != nil {
			return err
		}
	}
	if e.rope != nil {
		e.rotate(sc, n)
	}
	e.attention(pool, sc, seqsOf(sc, n))
	sc.in.Set(sc.att, n, d)
	if err := matmulBias(pool, ly.wo, &sc.in, sc.o, ly.bo, n); err != nil {
		return err
	}
	kernel.Add(sc.o[:n*d], sc.x)
	layerNormRows(pool, sc.x, sc.o, ly.attnNorm, ly.attnNormB, n, d, c.NormEps)
	if err := e.ffn(pool, sc, ly, n); err != nil {
		return err
	}
	kernel.Add(sc.o[:n*d], sc.x)
	layerNormRows(pool, sc.x, sc.o, ly.outNorm, ly.outNormB, n, d, c.NormEps)
	return nil
}

// ffn computes the feed-forward block of the n rows of x into o: GELU
// (bert) or SwiGLU (nomic-bert).
func (e *Encoder) ffn(pool *kernel.Pool, sc *encScratch, ly *encoderLayer, n int) error {
	f := e.Config.FFN
	sc.in.Set(sc.x, n, e.Config.Dim)
	if err := matmulBias(pool, ly.wUp, &sc.in, sc.up, ly.bUp, n); err != nil {
		return err
	}
	h := sc.up[:n*f]
	if ly.wGate.Data != nil {
		if err := kernel.MatMul(pool, ly.wGate, &sc.in, sc.gate); err != nil {
			return err
		}
		g, u := sc.gate[:n*f], sc.up[:n*f]
		pool.For(n*f, 1<<14, func(lo, hi int) { swiglu(g[lo:hi], g[lo:hi], u[lo:hi]) })
		h = g
	} else {
		geluPar(pool, h)
	}
	sc.in.Set(h, n, f)
	return matmulBias(pool, ly.wDown, &sc.in, sc.o, ly.bDown, n)
}

// matmulBias computes out = m·in, plus bias on each of the n rows when
// bias is not nil.
func matmulBias(pool *kernel.Pool, m kernel.Matrix, in *kernel.Input, out, bias []float32, n int) error {
	if err := kernel.MatMul(pool, m, in, out); err != nil {
		return err
	}
	if bias != nil {
		pool.For(n, 16, func(lo, hi int) {
			for t := lo; t < hi; t++ {
				kernel.Add(out[t*len(bias):(t+1)*len(bias)], bias)
			}
		})
	}
	return nil
}

// rotate applies nomic-bert's rotary positions to every head of q and k.
func (e *Encoder) rotate(sc *encScratch, n int) {
	c := e.Config
	hd := c.HeadDim
	for t := range n {
		cs := sc.cs[sc.pos[t]*hd : (sc.pos[t]+1)*hd]
		for h := range c.Heads {
			e.rope.apply(sc.q[(t*c.Heads+h)*hd:(t*c.Heads+h+1)*hd], cs)
			e.rope.apply(sc.k[(t*c.Heads+h)*hd:(t*c.Heads+h+1)*hd], cs)
		}
	}
}

// pool reduces each text's rows to one vector as the model's pooling says.
func (e *Encoder) pool(sc *encScratch, seqs [][]int32) [][]float32 {
	d := e.Config.Dim
	out := make([][]float32, len(seqs))
	row := 0
	for i, s := range seqs {
		v := make([]float32, d)
		switch e.Config.Pooling {
		case PoolingCLS:
			copy(v, sc.x[row*d:(row+1)*d])
		case PoolingLast:
			copy(v, sc.x[(row+len(s)-1)*d:(row+len(s))*d])
		default:
			poolMean(v, sc.x[row*d:(row+len(s))*d], len(s))
		}
		out[i] = v
		row += len(s)
	}
	return out
}

// poolMean writes the mean of the n rows of x into v.
func poolMean(v, x []float32, n int) {
	inv := 1 / float32(n)
	for t := range n {
		kernel.Axpy(v, inv, x[t*len(v):(t+1)*len(v)])
	}
}
