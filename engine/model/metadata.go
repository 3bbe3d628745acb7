package model

// KeyValue is one metadata entry of a GGUF file.
type KeyValue struct {
	Key   string
	Value any // uint32, float32 or string, as llama.cpp's converter types them
}

// Metadata returns the architecture keys ("ARCH.…") a GGUF file of a model
// with configuration c holds, typed as llama.cpp's converter writes them:
// what ConfigFrom reads back into c. Keys a family does not read are left
// out.
func (c Config) Metadata() []KeyValue {
	a := c.Arch + "."
	kv := []KeyValue{
		{a + "context_length", uint32(c.ContextLength)},
		{a + "embedding_length", uint32(c.Dim)},
		{a + "block_count", uint32(c.Layers)},
		{a + "feed_forward_length", uint32(c.FFN)},
		{a + "attention.head_count", uint32(c.Heads)},
		{a + "attention.head_count_kv", uint32(c.KVHeads)},
		{a + "attention.layer_norm_rms_epsilon", c.RMSEps},
		{a + "rope.freq_base", c.RopeBase},
		{a + "rope.dimension_count", uint32(c.RopeDims)},
	}
	if c.HeadDim != c.Dim/max(c.Heads, 1) {
		kv = append(kv, KeyValue{a + "attention.key_length", uint32(c.HeadDim)},
			KeyValue{a + "attention.value_length", uint32(c.HeadDim)})
	}
	if c.RopeScale != 0 && c.RopeScale != 1 && c.RopeYarn == nil {
		kv = append(kv, KeyValue{a + "rope.scaling.type", "linear"}, KeyValue{a + "rope.scaling.factor", 1 / c.RopeScale})
	}
	if c.RopeOrigContext != 0 && c.RopeOrigContext != c.ContextLength {
		kv = append(kv, KeyValue{a + "rope.scaling.original_context_length", uint32(c.RopeOrigContext)})
	}
	if c.RopeAttnFactor != 0 && c.RopeAttnFactor != 1 {
		kv = append(kv, KeyValue{a + "rope.scaling.attn_factor", c.RopeAttnFactor})
	}
	return append(kv, c.familyMetadata()...)
}

// familyMetadata returns the keys only some families have.
func (c Config) familyMetadata() []KeyValue {
	f, ok := familyOf(c.Arch)
	if !ok {
		return nil
	}
	a := c.Arch + "."
	var kv []KeyValue
	if f.block.swaKeys && c.SlidingWindow > 0 {
		kv = append(kv, KeyValue{a + "attention.sliding_window", uint32(c.SlidingWindow)})
		if c.RopeBaseSWA != 0 && c.RopeBaseSWA != f.ropeBaseSWA {
			kv = append(kv, KeyValue{a + "rope.freq_base_swa", c.RopeBaseSWA})
		}
	}
	if f.block.moe {
		kv = append(kv, KeyValue{a + "expert_count", uint32(c.Experts)}, KeyValue{a + "expert_used_count", uint32(c.ExpertsUsed)},
			KeyValue{a + "expert_feed_forward_length", uint32(c.ExpertFFN)})
		if f.block.sharedExpert {
			kv = append(kv, KeyValue{a + "expert_shared_feed_forward_length", uint32(c.SharedFFN)})
		}
	}
	if f.block.softCapKey && c.SoftCap > 0 {
		kv = append(kv, KeyValue{a + "final_logit_softcapping", c.SoftCap})
	}
	return kv
}

// Defaults are the values of a family's converted files for keys a
// generator may leave unset.
type Defaults struct {
	RopeBase float32
	RMSEps   float32
}

// DefaultsOf returns the defaults of architecture arch, if it is a
// supported decoder.
func DefaultsOf(arch string) (Defaults, bool) {
	f, ok := familyOf(arch)
	if !ok {
		return Defaults{}, false
	}
	return Defaults{RopeBase: f.ropeBase, RMSEps: f.rmsEps}, true
}
