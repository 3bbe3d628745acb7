package llamaref

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

// Speed is llama.cpp's measured throughput on one model.
type Speed struct {
	PrefillSeconds float64 `json:"prefillSeconds"`
	DecodeSeconds  float64 `json:"decodeSeconds"`
	Generated      int     `json:"generated"`
}

// Measure times llama.cpp on the model at path (with vocab tokens): a prompt
// of prompt tokens evaluated as one batch, then generate greedy tokens, with
// threads threads. The decode time includes evaluating the one token that
// starts it. It is for benchmark programs, outside tests.
func Measure(path string, vocab, prompt, generate, threads int) (Speed, error) {
	return MeasureKV(path, vocab, prompt, generate, threads, "")
}

// MeasureKV is Measure with the KV cache of type kvType ("Q8_0" for keys
// and values, with flash attention, which llama.cpp needs for a quantized V
// cache); "" is F16 without flash attention, as Measure does.
func MeasureKV(path string, vocab, prompt, generate, threads int, kvType string) (Speed, error) {
	if !Available() {
		return Speed{}, errors.New("llamaref: llama.cpp is not installed: run `make reference`")
	}
	job := map[string]any{"model": path, "vocab": vocab, "prompt": prompt, "generate": generate, "threads": threads}
	if kvType != "" {
		job["kvType"] = kvType
	}
	out, err := node("bench.mjs", job)
	if err != nil {
		return Speed{}, fmt.Errorf("llamaref: bench: %w", err)
	}
	var s Speed
	if err := json.Unmarshal(out, &s); err != nil {
		return Speed{}, fmt.Errorf("llamaref: bench: bad output %q", out)
	}
	return s, nil
}

// Bench is Measure for tests: without the reference it skips t (or fails it,
// see Require), and a failure of llama.cpp fails t.
func Bench(t testing.TB, path string, vocab, prompt, generate, threads int) Speed {
	t.Helper()
	Require(t)
	s, err := Measure(path, vocab, prompt, generate, threads)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
