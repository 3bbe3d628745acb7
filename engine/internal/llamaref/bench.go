package llamaref

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
)

// Speed is llama.cpp's measured throughput on one model.
type Speed struct {
	PrefillSeconds float64 `json:"prefillSeconds"`
	DecodeSeconds  float64 `json:"decodeSeconds"`
	Generated      int     `json:"generated"`
}

// Bench measures llama.cpp on the model at path (with vocab tokens): a
// prompt of prompt tokens
// evaluated as one batch, then generate greedy tokens, with threads threads.
// The decode time includes evaluating the one token that starts it.
func Bench(t testing.TB, path string, vocab, prompt, generate, threads int) Speed {
	t.Helper()
	Require(t)
	req, _ := json.Marshal(map[string]any{"model": path, "vocab": vocab, "prompt": prompt, "generate": generate, "threads": threads})
	cmd := exec.Command("node", filepath.Join(Dir(), "bench.mjs"))
	cmd.Dir = Dir()
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("llamaref: bench: %v\n%s", err, stderr.Bytes())
	}
	var s Speed
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("llamaref: bench: bad output %q", out)
	}
	return s
}
