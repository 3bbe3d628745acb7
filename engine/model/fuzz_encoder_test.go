package model_test

import (
	"errors"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/model"
)

// FuzzEncoderConfigFrom feeds arbitrary hyperparameters to
// EncoderConfigFrom: it must refuse them with ErrInvalid or ErrUnsupported,
// or return a configuration the encoder can run.
func FuzzEncoderConfigFrom(f *testing.F) {
	f.Add(uint8(0), uint64(384), uint64(12), uint64(12), uint64(1536), uint64(512), uint64(2), uint64(1), 1e-12, 1000.0)
	f.Add(uint8(1), uint64(768), uint64(12), uint64(12), uint64(3072), uint64(2048), uint64(2), uint64(2), 1e-12, 1000.0)
	f.Fuzz(func(t *testing.T, arch uint8, dim, layers, heads, ffn, ctx, types, pooling uint64, eps, base float64) {
		md := fakeMetadata{arch: []string{"bert", "nomic-bert"}[arch%2], uints: map[string]uint64{}, floats: map[string]float64{}}
		p := md.arch + "."
		for k, v := range map[string]uint64{"embedding_length": dim, "block_count": layers, "attention.head_count": heads,
			"feed_forward_length": ffn, "context_length": ctx, "pooling_type": pooling} {
			md.uints[p+k] = v
		}
		md.uints["tokenizer.ggml.token_type_count"] = types
		md.floats[p+"attention.layer_norm_epsilon"] = eps
		md.floats[p+"rope.freq_base"] = base
		c, err := model.EncoderConfigFrom(md)
		if err != nil {
			if !errors.Is(err, model.ErrInvalid) && !errors.Is(err, engine.ErrUnsupported) {
				t.Fatalf("error %v wraps neither ErrInvalid nor ErrUnsupported", err)
			}
			return
		}
		if c.Dim <= 0 || c.Heads <= 0 || c.Dim%c.Heads != 0 || c.HeadDim%2 != 0 || c.FFN <= 0 || c.ContextLength <= 0 ||
			c.Layers <= 0 || c.TokenTypes <= 0 || (c.Pooling != model.PoolingMean && c.Pooling != model.PoolingCLS && c.Pooling != model.PoolingLast) {
			t.Fatalf("accepted an unusable configuration %+v", c)
		}
	})
}
