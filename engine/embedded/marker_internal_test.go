package embedded

import (
	"testing"

	"github.com/hearth-app/hearth/engine/tokenizer"
	"github.com/hearth-app/hearth/engine/toolcall"
)

// metadata is a GGUF metadata map for building a tokenizer in a test.
type metadata map[string]any

func (m metadata) String(k string) (string, bool)    { v, ok := m[k].(string); return v, ok }
func (m metadata) Uint(k string) (uint64, bool)      { v, ok := m[k].(uint64); return v, ok }
func (m metadata) Bool(k string) (bool, bool)        { v, ok := m[k].(bool); return v, ok }
func (m metadata) Strings(k string) ([]string, bool) { v, ok := m[k].([]string); return v, ok }
func (m metadata) Ints(k string) ([]int64, bool)     { v, ok := m[k].([]int64); return v, ok }
func (m metadata) Floats(k string) ([]float32, bool) { v, ok := m[k].([]float32); return v, ok }

// TestMarkerTokensKeptFromControlTokens: in Mistral's vocabulary
// [TOOL_CALLS] is a control token, which the decoder drops; the call
// stream must still see it, and the constraint may write it.
func TestMarkerTokensKeptFromControlTokens(t *testing.T) {
	tokens := []string{"<unk>", "<s>", "</s>", "[TOOL_CALLS]", "[INST]", "▁hello"}
	tok, err := tokenizer.New(metadata{
		"tokenizer.ggml.model":        "llama",
		"tokenizer.ggml.tokens":       tokens,
		"tokenizer.ggml.scores":       make([]float32, len(tokens)),
		"tokenizer.ggml.token_type":   []int64{2, 3, 3, 3, 3, 1},
		"tokenizer.ggml.bos_token_id": uint64(1),
		"tokenizer.ggml.eos_token_id": uint64(2),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !tok.IsControl(3) {
		t.Fatal("[TOOL_CALLS] is not a control token in this vocabulary: the test proves nothing")
	}
	markers := markerTokens(tok, &toolcall.Mistral)
	if len(markers) != 1 || markers[3] != "[TOOL_CALLS]" {
		t.Fatalf("markers %v", markers)
	}
	pieces := tokenPieces(tok, markers)
	if pieces[3] != "[TOOL_CALLS]" || pieces[4] != "" || pieces[2] != "" {
		t.Errorf("pieces %q: the marker must be writable, other control tokens and the end not", pieces)
	}
	c := &callStream{markers: markers}
	if c.markerText(3) != "[TOOL_CALLS]" || c.markerText(4) != "" {
		t.Error("markerText")
	}
}
