package tokenizer_test

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// vector is one case of llama.cpp's tokenizer conformance files.
type vector struct {
	text string
	ids  []int32
}

// readVectors reads a .inp/.out pair the way llama.cpp's test-tokenizer-0
// does: inputs separated by "\n__ggml_vocab_test__\n", one line of
// space-separated ids per input.
func readVectors(t *testing.T, base string) []vector {
	t.Helper()
	inp, err := os.ReadFile(base + ".inp")
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(base + ".out")
	if err != nil {
		t.Fatal(err)
	}
	texts := splitInputs(string(inp))
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(texts) != len(lines) {
		t.Fatalf("%s: %d inputs, %d outputs", base, len(texts), len(lines))
	}
	vs := make([]vector, len(texts))
	for i, s := range texts {
		vs[i] = vector{text: s, ids: parseIDs(t, lines[i])}
	}
	return vs
}

func splitInputs(raw string) []string {
	const sep = "\n__ggml_vocab_test__\n"
	var texts []string
	for pos := 0; pos < len(raw); {
		next := strings.Index(raw[pos:], sep)
		if next < 0 {
			texts = append(texts, raw[pos:])
			break
		}
		texts = append(texts, raw[pos:pos+next])
		pos += next + len(sep)
	}
	return texts
}

func parseIDs(t *testing.T, line string) []int32 {
	t.Helper()
	var ids []int32
	for _, f := range strings.Fields(line) {
		n, err := strconv.ParseInt(f, 10, 32)
		if err != nil {
			t.Fatalf("bad id %q: %v", f, err)
		}
		ids = append(ids, int32(n))
	}
	return ids
}

// TestConformance checks every vector of llama.cpp's conformance files,
// encoded as test-tokenizer-0 does: no special tokens added, none parsed.
func TestConformance(t *testing.T) {
	for _, name := range vocabNames {
		t.Run(name, func(t *testing.T) {
			tok := openVocab(t, name)
			for i, v := range readVectors(t, vocabPath(t, name)) {
				got := tok.Encode(v.text, false, false)
				if !slices.Equal(got, v.ids) {
					t.Errorf("case %d %q:\n got %v\nwant %v", i, v.text, got, v.ids)
				}
			}
		})
	}
}
