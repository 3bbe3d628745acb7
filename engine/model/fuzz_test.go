package model_test

import (
	"errors"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/model"
)

// fakeMetadata is metadata held in maps.
type fakeMetadata struct {
	arch   string
	uints  map[string]uint64
	floats map[string]float64
	strs   map[string]string
}

func (m fakeMetadata) Architecture() string { return m.arch }
func (m fakeMetadata) String(k string) (string, bool) {
	v, ok := m.strs[k]
	return v, ok
}
func (m fakeMetadata) Uint(k string) (uint64, bool) {
	v, ok := m.uints[k]
	return v, ok
}
func (m fakeMetadata) Float(k string) (float64, bool) {
	v, ok := m.floats[k]
	return v, ok
}
func (m fakeMetadata) Ints(string) ([]int64, bool) { return nil, false }

// FuzzConfigFrom feeds arbitrary hyperparameters to ConfigFrom: it must
// refuse them with ErrInvalid or ErrUnsupported, or return a configuration
// the forward pass can run.
func FuzzConfigFrom(f *testing.F) {
	f.Add(uint8(0), uint64(64), uint64(5), uint64(8), uint64(4), uint64(172), uint64(128), uint64(8), 1e-5, 10000.0, 0.0, uint64(0), uint64(0), uint64(0))
	f.Add(uint8(2), uint64(256), uint64(2), uint64(4), uint64(2), uint64(512), uint64(256), uint64(0), 1e-6, 1e6, 4.0, uint64(0), uint64(0), uint64(0))
	f.Add(uint8(3), uint64(256), uint64(6), uint64(4), uint64(1), uint64(512), uint64(256), uint64(0), 1e-6, 1e6, 0.0, uint64(16), uint64(0), uint64(0))
	f.Add(uint8(4), uint64(256), uint64(2), uint64(4), uint64(2), uint64(512), uint64(256), uint64(0), 1e-6, 1e6, 0.0, uint64(256), uint64(8), uint64(2))
	f.Add(uint8(4), uint64(256), uint64(2), uint64(4), uint64(2), uint64(512), uint64(256), uint64(0), 1e-6, 1e6, 0.0, uint64(0), uint64(2), uint64(8))
	archs := append(model.Architectures(), "gemma2")
	f.Fuzz(func(t *testing.T, arch uint8, dim, layers, heads, kv, ffn, ctx, rope uint64, eps, base, scale float64, window, experts, used uint64) {
		md := fakeMetadata{arch: archs[int(arch)%len(archs)], uints: map[string]uint64{}, floats: map[string]float64{}}
		p := md.arch + "."
		for k, v := range map[string]uint64{"embedding_length": dim, "block_count": layers, "attention.head_count": heads,
			"attention.head_count_kv": kv, "feed_forward_length": ffn, "context_length": ctx, "rope.dimension_count": rope,
			"attention.sliding_window": window, "expert_feed_forward_length": window, "expert_count": experts, "expert_used_count": used} {
			if v != 0 {
				md.uints[p+k] = v
			}
		}
		md.floats[p+"attention.layer_norm_rms_epsilon"] = eps
		md.floats[p+"rope.freq_base"] = base
		md.floats[p+"rope.scaling.factor"] = scale
		c, err := model.ConfigFrom(md)
		if err != nil {
			if !errors.Is(err, model.ErrInvalid) && !errors.Is(err, engine.ErrUnsupported) {
				t.Fatalf("error %v wraps neither ErrInvalid nor ErrUnsupported", err)
			}
			return
		}
		if c.Dim <= 0 || c.Heads <= 0 || c.KVHeads <= 0 || c.Heads%c.KVHeads != 0 || c.HeadDim <= 0 ||
			c.RopeDims <= 0 || c.RopeDims > c.HeadDim || c.RopeDims%2 != 0 || c.FFN <= 0 || c.ContextLength <= 0 || c.Layers <= 0 ||
			c.SlidingWindow < 0 || c.Experts < 0 || c.Experts > 0 && (c.ExpertsUsed <= 0 || c.ExpertsUsed > c.Experts || c.ExpertFFN <= 0) {
			t.Fatalf("accepted an unusable configuration %+v", c)
		}
	})
}
