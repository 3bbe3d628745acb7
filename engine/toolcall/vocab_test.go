package toolcall_test

import (
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/tokenizer"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// realPieces loads a real vocabulary (llama.cpp's test vocabularies) and
// returns each token's bytes, "" for those a call may not hold.
func realPieces(t *testing.T, name string) []string {
	t.Helper()
	f, err := gguf.Open(filepath.Join(llamaref.TestData(), "vocab", name))
	if err != nil {
		t.Skipf("vocabulary %s: %v", name, err)
	}
	t.Cleanup(func() { f.Close() })
	tok, err := tokenizer.New(f)
	if err != nil {
		t.Fatal(err)
	}
	pieces := make([]string, tok.Size())
	for id := range int32(len(pieces)) {
		if !tok.IsControl(id) && !tok.IsEOG(id) && id != tok.UNK() {
			pieces[id] = tok.Piece(id)
		}
	}
	return pieces
}

// TestConstrainedRealVocabularies samples calls from random logits, a model
// whose every answer is garbage, over real BPE and SentencePiece
// vocabularies, whose tokens span several JSON characters at once.
func TestConstrainedRealVocabularies(t *testing.T) {
	if testing.Short() {
		t.Skip("samples hundreds of tokens over whole vocabularies")
	}
	schemas, err := toolcall.NewSchemas([]engine.Tool{specialFunction, richTool})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ggml-vocab-gpt-2.gguf", "ggml-vocab-llama-spm.gguf"} {
		t.Run(name, func(t *testing.T) {
			vocab := realPieces(t, name)
			for i, f := range []*toolcall.Format{&toolcall.Hermes, &toolcall.Llama3, &toolcall.Phi4Mini} {
				g := grammarFor(t, f, specialFunction, richTool)
				rng := rand.New(rand.NewPCG(uint64(i), 11))
				call := walk(t, rng, f, toolcall.NewConstraint(g, vocab, nil), vocab)
				_, calls, err := parseInChunks(f, schemas, f.Open[0]+call, 1)
				// A list format may hold several calls; the others one.
				if err != nil || len(calls) == 0 || !f.List && len(calls) != 1 {
					t.Fatalf("%s: the constrained call %q gave %+v, %v", f.Name, call, calls, err)
				}
				t.Logf("%s: %d calls, the first %s(%s)", f.Name, len(calls), calls[0].Name, calls[0].Arguments)
			}
		})
	}
}
