package model

import (
	"fmt"

	"github.com/hearth-app/hearth/engine/kernel"
)

// encoderLayer holds the weights of one encoder block. Biases are nil when
// the file has none.
type encoderLayer struct {
	wq, wk, wv, wo      kernel.Matrix
	bq, bk, bv, bo      []float32
	attnNorm, attnNormB []float32 // attn_output_norm, after the residual
	wUp, wGate, wDown   kernel.Matrix
	bUp, bDown          []float32
	outNorm, outNormB   []float32 // layer_output_norm, after the residual
}

// encoderWeights holds every tensor of an encoder model.
type encoderWeights struct {
	embed          kernel.Matrix // token_embd: Vocab rows of Dim
	typeRow        []float32     // row 0 of token_types, or nil
	pos            kernel.Matrix // position_embd (bert)
	embNorm, embNB []float32     // token_embd_norm
	layers         []encoderLayer
	vocab          int
}

// loadEncoderWeights finds and checks every tensor c needs.
func loadEncoderWeights(c EncoderConfig, ts Tensors) (encoderWeights, error) {
	l := &loader{ts: ts}
	var w encoderWeights
	info, ok := ts.Tensor("token_embd.weight")
	if !ok {
		return w, invalidf("missing tensor token_embd.weight")
	}
	if len(info.Shape) != 2 || info.Shape[0] != uint64(c.Dim) || info.Shape[1] == 0 || info.Shape[1] > maxDim*4 {
		return w, invalidf("token_embd.weight has shape %v, want [%d, vocab]", info.Shape, c.Dim)
	}
	w.vocab = int(info.Shape[1])
	w.embed = l.matrix("token_embd.weight", w.vocab, c.Dim)
	if _, ok := ts.Tensor("token_types.weight"); ok {
		types := l.matrix("token_types.weight", c.TokenTypes, c.Dim)
		w.typeRow = l.row(types, 0, c.Dim)
	}
	if c.Arch == "bert" {
		w.pos = l.matrix("position_embd.weight", c.ContextLength, c.Dim)
	}
	w.embNorm = l.vector("token_embd_norm.weight", c.Dim)
	w.embNB = l.vector("token_embd_norm.bias", c.Dim)
	w.layers = make([]encoderLayer, c.Layers)
	for i := range w.layers {
		w.layers[i] = l.encoderLayer(c, i)
	}
	return w, l.err
}

// encoderLayer loads block i.
func (l *loader) encoderLayer(c EncoderConfig, i int) encoderLayer {
	n := func(s string) string { return fmt.Sprintf("blk.%d.%s", i, s) }
	d := c.Dim
	var ly encoderLayer
	l.qkv(&ly, n, d)
	ly.wo = l.matrix(n("attn_output.weight"), d, d)
	ly.bo = l.optVector(n("attn_output.bias"), d)
	ly.attnNorm = l.vector(n("attn_output_norm.weight"), d)
	ly.attnNormB = l.vector(n("attn_output_norm.bias"), d)
	ly.wUp = l.matrix(n("ffn_up.weight"), c.FFN, d)
	ly.bUp = l.optVector(n("ffn_up.bias"), c.FFN)
	if c.Arch == "nomic-bert" {
		ly.wGate = l.matrix(n("ffn_gate.weight"), c.FFN, d)
	}
	ly.wDown = l.matrix(n("ffn_down.weight"), d, c.FFN)
	ly.bDown = l.optVector(n("ffn_down.bias"), d)
	ly.outNorm = l.vector(n("layer_output_norm.weight"), d)
	ly.outNormB = l.vector(n("layer_output_norm.bias"), d)
	return ly
}

// qkv loads the query, key and value projections: separate attn_q/k/v, or
// a fused attn_qkv whose rows are split into three matrices in place.
func (l *loader) qkv(ly *encoderLayer, n func(string) string, d int) {
	if _, ok := l.ts.Tensor(n("attn_qkv.weight")); !ok {
		ly.wq = l.matrix(n("attn_q.weight"), d, d)
		ly.wk = l.matrix(n("attn_k.weight"), d, d)
		ly.wv = l.matrix(n("attn_v.weight"), d, d)
		ly.bq = l.optVector(n("attn_q.bias"), d)
		ly.bk = l.optVector(n("attn_k.bias"), d)
		ly.bv = l.optVector(n("attn_v.bias"), d)
		return
	}
	fused := l.matrix(n("attn_qkv.weight"), 3*d, d)
	if l.err != nil {
		return
	}
	split := func(part int) kernel.Matrix {
		rb := fused.RowBytes()
		m, err := kernel.NewMatrix(fused.Type, d, d, fused.Data[part*d*rb:(part+1)*d*rb])
		if err != nil && l.err == nil {
			l.err = fmt.Errorf("%w: tensor %s: %w", ErrInvalid, n("attn_qkv.weight"), err)
		}
		return m
	}
	ly.wq, ly.wk, ly.wv = split(0), split(1), split(2)
	if b := l.optVector(n("attn_qkv.bias"), 3*d); b != nil {
		ly.bq, ly.bk, ly.bv = b[:d], b[d:2*d], b[2*d:]
	}
}

// optVector loads a vector that may be absent (nil then).
func (l *loader) optVector(name string, n int) []float32 {
	if _, ok := l.ts.Tensor(name); !ok {
		return nil
	}
	return l.vector(name, n)
}

// row dequantizes row i of m.
func (l *loader) row(m kernel.Matrix, i, n int) []float32 {
	if l.err != nil {
		return nil
	}
	out := make([]float32, n)
	if err := m.DequantizeRow(i, out); err != nil {
		l.err = fmt.Errorf("%w: %w", ErrInvalid, err)
		return nil
	}
	return out
}
