package model

import "slices"

// family describes one decoder architecture as llama.cpp builds it, in one
// place: the steps of its block, the tensors they read (tensors.go derives
// the list from the steps) and the metadata keys beyond the common ones
// (config.go reads them, metadata.go writes them). Each family has a file of
// its own, arch_<name>.go.
type family struct {
	name  string
	block block
	// ropeBase and rmsEps are what the family's converted files usually say;
	// the generator writes them when a spec leaves them out.
	ropeBase, rmsEps float32
	// ropeBaseSWA is the RoPE base of sliding-window layers when the file
	// does not say (rope.freq_base_swa).
	ropeBaseSWA float32
}

// block lists the steps of one transformer block, and around the blocks,
// that set a family apart from llama's.
type block struct {
	neox         bool       // RoPE rotates pairs (i, i+n/2) rather than (2i, 2i+1)
	qkvBias      bool       // attn_q/k/v have bias vectors (qwen2)
	qkNorm       bool       // Q and K are RMS-normed per head before RoPE
	postNorms    bool       // attention and FFN outputs are RMS-normed before the residual add (gemma)
	act          activation // of the gated feed-forward block
	embedScale   bool       // token embeddings are multiplied by √Dim (gemma)
	swaPeriod    int        // layers attend in a sliding window except every swaPeriod-th; 0: all global
	swaKeys      bool       // attention.sliding_window (and rope.freq_base_swa) are read
	softCapKey   bool       // final_logit_softcapping is read; absent means no capping
	queryScaled  bool       // queries are scaled before attention instead of the scores (gemma)
	moe          bool       // the feed-forward block is a routed mixture of experts
	expertNorm   bool       // with moe, the chosen experts' weights are renormalized to sum to 1
	sharedExpert bool       // with moe, a shared expert gated by a sigmoid is added (qwen2moe)
	fusedQKV     bool       // one attn_qkv matrix holds the Q, K and V projections (phi3)
	fusedGateUp  bool       // one ffn_up matrix holds the gate and up projections, gate first (phi3)
	longRope     bool       // rope_factors_long/short are LongRoPE's frequency factors (phi3)
}

// activation is the nonlinearity of the gated feed-forward block.
type activation int

const (
	actSiLU activation = iota // SwiGLU: silu(gate)·up
	actGELU                   // GeGLU: gelu_tanh(gate)·up
)

// families are the supported decoder architectures; the arch_*.go files
// define them.
var families = []*family{&llamaFamily, &qwen2Family, &qwen3Family, &gemma3Family, &qwen3moeFamily, &qwen2moeFamily, &phi3Family}

// familyOf returns the family named name.
func familyOf(name string) (*family, bool) {
	i := slices.IndexFunc(families, func(f *family) bool { return f.name == name })
	if i < 0 {
		return nil, false
	}
	return families[i], true
}

// Architectures returns the names of the supported decoder architectures.
func Architectures() []string {
	names := make([]string, len(families))
	for i, f := range families {
		names[i] = f.name
	}
	return names
}
