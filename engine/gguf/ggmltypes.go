package gguf

import "github.com/hearth-app/hearth/engine/quant"

// ggmlOnlyTypes names the tensor types ggml defines that the quant package
// does not lay out, so that a file using one is reported as unsupported, by
// name, rather than as corrupt. Numbers ggml has retired are absent: a file
// using one is corrupt.
var ggmlOnlyTypes = map[quant.Type]string{
	16: "IQ2_XXS",
	17: "IQ2_XS",
	18: "IQ3_XXS",
	19: "IQ1_S",
	20: "IQ4_NL",
	21: "IQ3_S",
	22: "IQ2_S",
	23: "IQ4_XS",
	29: "IQ1_M",
	34: "TQ1_0",
	35: "TQ2_0",
	39: "MXFP4",
}
