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

// layer holds the weights of one transformer block; what a family's block
// lacks stays nil.
type layer struct {
	attnNorm, ffnNorm []float32
	wq, wk, wv, wo    kernel.Matrix
	wqkv              kernel.Matrix // fusedQKV: Q, K and V rows in one matrix
	bq, bk, bv        []float32     // qkvBias
	qNorm, kNorm      []float32     // qkNorm
	postAttn, postFFN []float32     // postNorms
	wGate, wUp, wDown kernel.Matrix
	router            kernel.Matrix   // moe: a row per expert
	gateExps, upExps  []kernel.Matrix // moe: one matrix per expert
	downExps          []kernel.Matrix
	shGateIn          kernel.Matrix // sharedExpert: one row, the shared expert's gate logit
	shGate, shUp      kernel.Matrix
	shDown            kernel.Matrix
}

// weights holds every tensor of a model. Matrices point into the mapped file.
type weights struct {
	embed      kernel.Matrix // token_embd: Vocab rows of Dim
	output     kernel.Matrix // output, or token_embd when tied
	outputNorm []float32
	ropeFreqs  []float32 // llama3 frequency factors, or nil
	ropeLong   []float32 // LongRoPE factors for contexts beyond the original, or nil
	ropeShort  []float32 // LongRoPE factors within the original context, or nil
	layers     []layer
	vocab      int
}

// loader resolves tensors by name and checks their shapes.
type loader struct {
	ts  Tensors
	err error
}

// loadWeights finds and checks every tensor TensorsOf lists for c.
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
	list, err := TensorsOf(c, w.vocab)
	if err != nil {
		return w, err
	}
	w.layers = make([]layer, c.Layers)
	for _, t := range list {
		if _, ok := ts.Tensor(t.Name); !ok && t.Optional {
			continue
		}
		l.load(&w, t)
	}
	if w.output.Data == nil {
		w.output = w.embed // tied embeddings
	}
	return w, l.err
}

// load reads tensor t into its place in w.
func (l *loader) load(w *weights, t Tensor) {
	switch {
	case t.Role == RoleRouter && len(t.Shape) == 1: // a router of one row
		*w.matrix(t) = l.matrixOf(t.Name, 1, t.Shape[0], t.Shape...)
	case len(t.Shape) == 1:
		*w.vector(t) = l.vector(t.Name, t.Shape[0])
	case len(t.Shape) == 2:
		*w.matrix(t) = l.matrix(t.Name, t.Shape[1], t.Shape[0])
	case len(t.Shape) == 3:
		*w.experts(t) = l.experts(t.Name, t.Shape[2], t.Shape[1], t.Shape[0])
	}
}

// experts returns where the weights keep the expert matrices t.
func (w *weights) experts(t Tensor) *[]kernel.Matrix {
	ly := &w.layers[t.Layer]
	return map[string]*[]kernel.Matrix{
		"ffn_gate_exps.weight": &ly.gateExps, "ffn_up_exps.weight": &ly.upExps, "ffn_down_exps.weight": &ly.downExps,
	}[shortName(t)]
}

// matrix returns where the weights keep matrix t.
func (w *weights) matrix(t Tensor) *kernel.Matrix {
	if t.Layer < 0 {
		return map[Role]*kernel.Matrix{RoleEmbedding: &w.embed, RoleOutput: &w.output}[t.Role]
	}
	ly := &w.layers[t.Layer]
	return map[string]*kernel.Matrix{
		"attn_q.weight": &ly.wq, "attn_k.weight": &ly.wk, "attn_v.weight": &ly.wv, "attn_output.weight": &ly.wo,
		"ffn_gate.weight": &ly.wGate, "ffn_up.weight": &ly.wUp, "ffn_down.weight": &ly.wDown,
		"ffn_gate_inp.weight": &ly.router, "attn_qkv.weight": &ly.wqkv,
		"ffn_gate_inp_shexp.weight": &ly.shGateIn, "ffn_gate_shexp.weight": &ly.shGate,
		"ffn_up_shexp.weight": &ly.shUp, "ffn_down_shexp.weight": &ly.shDown,
	}[shortName(t)]
}

// vector returns where the weights keep vector t.
func (w *weights) vector(t Tensor) *[]float32 {
	if t.Layer < 0 {
		return map[string]*[]float32{"output_norm.weight": &w.outputNorm, "rope_freqs.weight": &w.ropeFreqs,
			"rope_factors_long.weight": &w.ropeLong, "rope_factors_short.weight": &w.ropeShort}[t.Name]
	}
	ly := &w.layers[t.Layer]
	return map[string]*[]float32{
		"attn_norm.weight": &ly.attnNorm, "ffn_norm.weight": &ly.ffnNorm,
		"attn_q.bias": &ly.bq, "attn_k.bias": &ly.bk, "attn_v.bias": &ly.bv,
		"attn_q_norm.weight": &ly.qNorm, "attn_k_norm.weight": &ly.kNorm,
		"post_attention_norm.weight": &ly.postAttn, "post_ffw_norm.weight": &ly.postFFN,
	}[shortName(t)]
}

// shortName is a block tensor's name without its "blk.N." prefix.
func shortName(t Tensor) string {
	return t.Name[len(fmt.Sprintf("blk.%d.", t.Layer)):]
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
	return l.matrixOf(name, rows, cols, cols, rows)
}

// matrixOf loads a rows x cols weight matrix stored with the given shape.
func (l *loader) matrixOf(name string, rows, cols int, shape ...int) kernel.Matrix {
	info, ok := l.find(name, shape...)
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

// experts loads a 3-D tensor of n matrices of rows x cols (GGUF shape
// [cols, rows, n]) as n matrices, each a slice of the mapped file, so that
// an expert's bytes are read only when a token is routed to it.
func (l *loader) experts(name string, n, rows, cols int) []kernel.Matrix {
	info, ok := l.find(name, cols, rows, n)
	if !ok {
		return nil
	}
	if !quant.Supported(info.Type) {
		l.err = unsupportedf("tensor %s has type %s, which is not supported", name, info.Type)
		return nil
	}
	data := l.ts.Data(info)
	rb, err := quant.RowBytes(info.Type, cols)
	if err != nil || len(data) != rb*rows*n {
		l.err = invalidf("tensor %s: type %s does not fit %d x %d x %d values in %d bytes", name, info.Type, n, rows, cols, len(data))
		return nil
	}
	size := rb * rows
	out := make([]kernel.Matrix, n)
	for e := range out {
		m, err := kernel.NewMatrix(info.Type, rows, cols, data[e*size:(e+1)*size:(e+1)*size])
		if err != nil {
			l.err = fmt.Errorf("%w: tensor %s: %w", ErrInvalid, name, err)
			return nil
		}
		out[e] = m
	}
	return out
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
