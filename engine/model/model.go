package model

import (
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/quant"
)

// Model is a loaded model: its configuration and its weights, read in place
// from the memory-mapped file. A Model is safe for concurrent use by several
// Sessions.
type Model struct {
	Config Config
	w      weights
	rope   *rope
	long   *rope   // LongRoPE with its long factors, for sessions beyond the original context, or nil
	swa    *rope   // RoPE of the sliding-window layers, or nil
	scale  float32 // attention scale of the scores: 1/sqrt(head dim), or 1 when queries are scaled
	qScale float32 // scale of the queries before attention, or 1
	closer io.Closer
}

// File is what Load reads a model from (*gguf.File implements it).
type File interface {
	Metadata
	Tensors
}

// Load reads a model from an open file, which must stay open while the Model
// is used; Close does not close it.
func Load(f File) (*Model, error) {
	c, err := ConfigFrom(f)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	w, err := loadWeights(c, f)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	m := &Model{
		Config: c,
		w:      w,
		rope:   newRope(c, c.fam.block.neox, w.ropeFreqs),
		scale:  float32(1 / math.Sqrt(float64(c.HeadDim))),
		qScale: 1,
	}
	if w.ropeShort != nil {
		m.rope = newRope(c, c.fam.block.neox, w.ropeShort)
	}
	if w.ropeLong != nil {
		m.long = newRope(c, c.fam.block.neox, w.ropeLong)
	}
	if c.SlidingWindow > 0 {
		sc := c
		sc.RopeBase, sc.RopeScale, sc.RopeYarn = c.RopeBaseSWA, 1, nil
		m.swa = newRope(sc, c.fam.block.neox, nil)
	}
	if c.fam.block.queryScaled {
		m.scale, m.qScale = 1, queryScale(c)
	}
	return m, nil
}

// ropeFor returns the RoPE of a session holding contextLen positions:
// LongRoPE's long factors when it exceeds the original context, as
// llama.cpp chooses by the context size.
func (m *Model) ropeFor(contextLen int) *rope {
	if m.long != nil && contextLen > m.Config.RopeOrigContext {
		return m.long
	}
	return m.rope
}

// Open maps the GGUF file at path and loads the model in it. Close releases
// the file.
func Open(path string) (*Model, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open model: %w", err)
	}
	m, err := Load(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	m.closer = f
	return m, nil
}

// Close releases the file of a Model from Open. Sessions must not be used
// afterwards.
func (m *Model) Close() error {
	if m.closer == nil {
		return nil
	}
	err := m.closer.Close()
	m.closer = nil
	return err
}

// Vocab returns the number of tokens the model has embeddings and logits for.
func (m *Model) Vocab() int { return m.w.vocab }

// Quantization names the type of most of the model's weight bytes (the FFN
// matrices dominate), such as "Q4_K" or "F16".
func (m *Model) Quantization() string {
	bytes := map[quant.Type]int{}
	for _, l := range m.w.layers {
		bytes[l.wqkv.Type] += len(l.wqkv.Data)
		bytes[l.wq.Type] += len(l.wq.Data)
		bytes[l.wk.Type] += len(l.wk.Data)
		bytes[l.wv.Type] += len(l.wv.Data)
		bytes[l.wo.Type] += len(l.wo.Data)
		bytes[l.wGate.Type] += len(l.wGate.Data)
		bytes[l.wUp.Type] += len(l.wUp.Data)
		bytes[l.wDown.Type] += len(l.wDown.Data)
		for _, e := range slices.Concat(l.gateExps, l.upExps, l.downExps) {
			bytes[e.Type] += len(e.Data)
		}
	}
	best, most := quant.F32, -1
	for t, n := range bytes {
		if n > most || n == most && t < best {
			best, most = t, n
		}
	}
	return best.String()
}
