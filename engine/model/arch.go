package model

// arch describes what distinguishes one supported architecture's graph.
type arch struct {
	neox    bool // RoPE rotates pairs (i, i+n/2) rather than (2i, 2i+1)
	qkvBias bool // attn_q/k/v have bias vectors
	qkNorm  bool // Q and K are RMS-normed per head (attn_q_norm, attn_k_norm)
}

// archs are the supported architectures, as llama.cpp builds them.
var archs = map[string]arch{
	"llama": {},
	"qwen2": {neox: true, qkvBias: true},
	"qwen3": {neox: true, qkNorm: true},
}

// Architectures returns the names of the supported architectures.
func Architectures() []string {
	return []string{"llama", "qwen2", "qwen3"}
}
