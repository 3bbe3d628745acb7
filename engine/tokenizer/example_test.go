package tokenizer_test

import (
	"fmt"
	"log"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/tokenizer"
)

// Example reads the vocabulary of a model file, encodes a prompt and
// streams generated ids back to text.
func Example() {
	f, err := gguf.Open("model.gguf")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	tok, err := tokenizer.New(f)
	if err != nil {
		log.Fatal(err)
	}

	// BOS as the vocabulary asks; "<|im_start|>" and the like as tokens.
	ids := tok.Encode("<|im_start|>user\nHello!<|im_end|>\n", true, true)
	fmt.Println(len(ids), "prompt tokens")

	// Generated ids, one at a time: the decoder never splits a character.
	d := tok.NewDecoder()
	for _, id := range []int32{ /* from the sampler */ } {
		if tok.IsEOG(id) {
			break
		}
		fmt.Print(d.Add(id))
	}
	fmt.Print(d.Flush())
}
