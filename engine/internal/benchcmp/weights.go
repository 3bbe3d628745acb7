package main

import (
	"os"
	"strings"

	"github.com/hearth-app/hearth/engine/gguf"
)

// modelFacts are what the table reports about a model file.
type modelFacts struct {
	FileBytes  int64
	Vocab      int
	TokenBytes uint64 // weight bytes read to decode one token
}

// factsOf reads the facts of the GGUF at path. A decoded token reads every
// weight matrix once, except the token embeddings, of which it reads one row
// (unless they are tied to the output, which reads them all), and a
// mixture's experts, of which it reads expert_used_count of expert_count.
// The KV cache is left out: at these context lengths it is a small part.
func factsOf(path string) (modelFacts, error) {
	st, err := os.Stat(path)
	if err != nil {
		return modelFacts{}, err
	}
	f, err := gguf.Open(path)
	if err != nil {
		return modelFacts{}, err
	}
	defer f.Close()
	tokens, _ := f.Strings("tokenizer.ggml.tokens")
	facts := modelFacts{FileBytes: st.Size(), Vocab: len(tokens)}
	_, tied := f.Tensor("output.weight")
	tied = !tied
	arch := f.Architecture()
	experts, _ := f.Uint(arch + ".expert_count")
	used, _ := f.Uint(arch + ".expert_used_count")
	for _, t := range f.Tensors() {
		switch {
		case t.Name == "token_embd.weight" && !tied && len(t.Shape) == 2 && t.Shape[1] > 0:
			facts.TokenBytes += t.Size / t.Shape[1]
		case strings.HasSuffix(t.Name, "_exps.weight") && experts > 0:
			facts.TokenBytes += t.Size / experts * used
		default:
			facts.TokenBytes += t.Size
		}
	}
	return facts, nil
}
