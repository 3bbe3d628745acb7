package model

import "math"

// gemma3Family is Gemma 3 as llama.cpp builds it: embeddings scaled by
// √Dim; Q and K RMS-normed per head; RMS norms before and after both the
// attention and the feed-forward block (the converter stores the norm
// weights with Gemma's +1 already added, so they multiply as they are);
// GeGLU with GELU's tanh form; five of every six layers attend within a
// sliding window, with their own RoPE base and no RoPE scaling, the sixth
// globally; queries are scaled before attention rather than the scores; the
// logits are soft-capped when the file gives final_logit_softcapping.
var gemma3Family = family{
	name: "gemma3",
	block: block{neox: true, qkNorm: true, postNorms: true, act: actGELU, embedScale: true,
		swaPeriod: 6, swaKeys: true, softCapKey: true, queryScaled: true},
	ropeBase: 1000000, rmsEps: 1e-6, ropeBaseSWA: 10000,
}

// queryScale is the factor a family with queryScaled scales queries by:
// 1/√HeadDim, or for Gemma 3's 62-layer 27B model 1/√(Dim/Heads) (llama.cpp
// picks it by the layer count).
func queryScale(c Config) float32 {
	n := float32(c.HeadDim)
	if c.Arch == "gemma3" && c.Layers == 62 {
		n = float32(c.Dim / c.Heads)
	}
	return 1 / float32(math.Sqrt(float64(n)))
}
