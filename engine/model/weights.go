package model

import (
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/quant"
)

// Tensors is the part of a GGUF file the weights come from (*gguf.File
// implements it).
type Tensors interface {
	Tensor(name string) (gguf.TensorInfo, bool)
	Data(t gguf.TensorInfo) []byte
}

// layer holds the weights of one transformer block.
type layer struct {
	attnNorm, ffnNorm []float32
	wq, wk, wv, wo    kernel.Matrix
	bq, bk, bv        []float32 // qwen2
	qNorm, kNorm      []float32 // qwen3
	wGate, wUp, wDown kernel.Matrix
}

// weights holds every tensor of a model. Matrices point into the mapped file.
type weights struct {
	embed      kernel.Matrix // token_embd: Vocab rows of Dim
	output     kernel.Matrix // output, or token_embd when tied
	outputNorm []float32
	ropeFreqs  []float32 // llama3 frequency factors, or nil
	layers     []layer
	vocab      int
}

// loader resolves tensors by name and checks their shapes.
type loader struct {
	ts  Tensors
	err error
}

// loadWeights finds and checks every tensor c needs.
func loadWeights(c Config, ts Tensors) (weights, error) {
	l := &loader{ts: ts}
	var w weights
	info, ok := ts.Tensor("token_embd.weight")
	if !ok {
		return w, invalidf("missing tensor token_embd.weight")
	}
	if len(info.Shape) != 2 || info.Shape[0] != uint64(c.Dim) || info.Shape[1] == 0 || info.Shape[1] > maxDim*4 {
		return w, invalidf("token_embd.weight has shape %v, want [%d, vocab]", info.Shape, c.Dim)
	}
	w.vocab = int(info.Shape[1])
	w.embed = l.matrix("token_embd.weight", w.vocab, c.Dim)
	w.outputNorm = l.vector("output_norm.weight", c.Dim)
	if _, ok := ts.Tensor("output.weight"); ok {
		w.output = l.matrix("output.weight", w.vocab, c.Dim)
	} else {
		w.output = w.embed // tied embeddings
	}
	if _, ok := ts.Tensor("rope_freqs.weight"); ok {
		w.ropeFreqs = l.vector("rope_freqs.weight", c.RopeDims/2)
	}
	w.layers = make([]layer, c.Layers)
	for i := range w.layers {
		w.layers[i] = l.layer(c, i)
	}
	return w, l.err
}

// layer loads block i.
func (l *loader) layer(c Config, i int) layer {
	n := func(s string) string { return fmt.Sprintf("blk.%d.%s", i, s) }
	q, kv := c.Heads*c.HeadDim, c.KVHeads*c.HeadDim
	ly := layer{
		attnNorm: l.vector(n("attn_norm.weight"), c.Dim),
		ffnNorm:  l.vector(n("ffn_norm.weight"), c.Dim),
		wq:       l.matrix(n("attn_q.weight"), q, c.Dim),
		wk:       l.matrix(n("attn_k.weight"), kv, c.Dim),
		wv:       l.matrix(n("attn_v.weight"), kv, c.Dim),
		wo:       l.matrix(n("attn_output.weight"), c.Dim, q),
		wGate:    l.matrix(n("ffn_gate.weight"), c.FFN, c.Dim),
		wUp:      l.matrix(n("ffn_up.weight"), c.FFN, c.Dim),
		wDown:    l.matrix(n("ffn_down.weight"), c.Dim, c.FFN),
	}
	if c.qkvBias {
		ly.bq = l.vector(n("attn_q.bias"), q)
		ly.bk = l.vector(n("attn_k.bias"), kv)
		ly.bv = l.vector(n("attn_v.bias"), kv)
	}
	if c.qkNorm {
		ly.qNorm = l.vector(n("attn_q_norm.weight"), c.HeadDim)
		ly.kNorm = l.vector(n("attn_k_norm.weight"), c.HeadDim)
	}
	return ly
}

// find returns the tensor name with the given shape (ne order).
func (l *loader) find(name string, shape ...int) (gguf.TensorInfo, bool) {
	if l.err != nil {
		return gguf.TensorInfo{}, false
	}
	info, ok := l.ts.Tensor(name)
	if !ok {
		l.err = invalidf("missing tensor %s", name)
		return info, false
	}
	if len(info.Shape) != len(shape) {
		l.err = invalidf("tensor %s has shape %v, want %v", name, info.Shape, shape)
		return info, false
	}
	for i, d := range shape {
		if info.Shape[i] != uint64(d) {
			l.err = invalidf("tensor %s has shape %v, want %v", name, info.Shape, shape)
			return info, false
		}
	}
	return info, true
}

// matrix loads a rows x cols weight matrix (GGUF shape [cols, rows]).
func (l *loader) matrix(name string, rows, cols int) kernel.Matrix {
	info, ok := l.find(name, cols, rows)
	if !ok {
		return kernel.Matrix{}
	}
	if !quant.Supported(info.Type) {
		l.err = unsupportedf("tensor %s has type %s, which is not supported", name, info.Type)
		return kernel.Matrix{}
	}
	m, err := kernel.NewMatrix(info.Type, rows, cols, l.ts.Data(info))
	switch {
	case errors.Is(err, kernel.ErrUnsupportedType):
		l.err = unsupportedf("tensor %s has type %s, which is not supported", name, info.Type)
	case err != nil:
		l.err = fmt.Errorf("%w: tensor %s: %w", ErrInvalid, name, err)
	}
	return m
}

// vector loads a one-dimensional tensor of n values as float32 (norm weights
// and biases are small; converting them once is cheaper than on every use).
func (l *loader) vector(name string, n int) []float32 {
	info, ok := l.find(name, n)
	if !ok {
		return nil
	}
	out := make([]float32, n)
	data := l.ts.Data(info)
	if rb, err := quant.RowBytes(info.Type, n); err != nil || len(data) != rb {
		l.err = invalidf("tensor %s: type %s does not fit %d values in %d bytes", name, info.Type, n, len(data))
		return nil
	}
	if err := quant.Dequantize(info.Type, data, out); err != nil {
		l.err = fmt.Errorf("%w: tensor %s: %w", ErrInvalid, name, err)
		return nil
	}
	return out
}
