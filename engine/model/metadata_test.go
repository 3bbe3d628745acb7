package model_test

import (
	"reflect"
	"testing"

	"github.com/hearth-app/hearth/engine/model"
)

// TestMetadataRoundTrip writes each architecture's keys with
// Config.Metadata, reads them back with ConfigFrom and expects the same
// configuration: the key names the generator writes are the ones the
// loader reads.
func TestMetadataRoundTrip(t *testing.T) {
	base := model.Config{Dim: 256, Layers: 6, Heads: 4, KVHeads: 2, HeadDim: 64, FFN: 512, ContextLength: 256,
		RMSEps: 1e-6, RopeBase: 1e6, RopeDims: 64, RopeScale: 0.25, RopeOrigContext: 64, RopeAttnFactor: 1.25}
	extra := map[string]func(*model.Config){
		"llama":    func(c *model.Config) { c.RopeDims = c.HeadDim },
		"gemma3":   func(c *model.Config) { c.SlidingWindow, c.SWAPeriod, c.RopeBaseSWA, c.SoftCap = 16, 6, 20000, 30 },
		"qwen3moe": func(c *model.Config) { c.Experts, c.ExpertsUsed, c.ExpertFFN = 8, 2, 128 },
		"qwen2moe": func(c *model.Config) { c.Experts, c.ExpertsUsed, c.ExpertFFN, c.SharedFFN = 8, 2, 128, 384 },
		"phi3":     func(c *model.Config) { c.HeadDim, c.RopeDims = 128, 96 },
	}
	for _, arch := range model.Architectures() {
		t.Run(arch, func(t *testing.T) {
			want := base
			want.Arch = arch
			if f := extra[arch]; f != nil {
				f(&want)
			}
			md := fakeMetadata{arch: arch, uints: map[string]uint64{}, floats: map[string]float64{}, strs: map[string]string{}}
			for _, kv := range want.Metadata() {
				switch v := kv.Value.(type) {
				case uint32:
					md.uints[kv.Key] = uint64(v)
				case float32:
					md.floats[kv.Key] = float64(v)
				case string:
					md.strs[kv.Key] = v
				default:
					t.Fatalf("%s has a value of type %T", kv.Key, v)
				}
			}
			got, err := model.ConfigFrom(md)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(exported(got), exported(want)) {
				t.Errorf("read back\n%+v\nwrote\n%+v", exported(got), exported(want))
			}
		})
	}
}

// exported copies the exported fields of c (the family pointer is not one).
func exported(c model.Config) map[string]any {
	out := map[string]any{}
	v := reflect.ValueOf(c)
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.IsExported() {
			out[f.Name] = v.Field(i).Interface()
		}
	}
	return out
}
