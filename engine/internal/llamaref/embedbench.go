package llamaref

import (
	"encoding/json"
	"errors"
	"fmt"
)

// EmbedSpeed is llama.cpp's measured embedding throughput.
type EmbedSpeed struct {
	Seconds float64 `json:"seconds"`
	Tokens  int     `json:"tokens"`
}

// MeasureEmbed times llama.cpp embedding chunks (token ids, special tokens
// included) with the model at path, one chunk per call, after one chunk of
// warm-up, with threads threads. It is for benchmark programs, outside
// tests.
func MeasureEmbed(path string, chunks [][]int32, contextSize, threads int) (EmbedSpeed, error) {
	if !Available() {
		return EmbedSpeed{}, errors.New("llamaref: llama.cpp is not installed: run `make reference`")
	}
	out, err := node("embedbench.mjs", map[string]any{"model": path, "chunks": chunks, "contextSize": contextSize, "threads": threads})
	if err != nil {
		return EmbedSpeed{}, fmt.Errorf("llamaref: embedding bench: %w", err)
	}
	var s EmbedSpeed
	if err := json.Unmarshal(out, &s); err != nil || s.Seconds <= 0 {
		return EmbedSpeed{}, fmt.Errorf("llamaref: embedding bench: bad output %q", out)
	}
	return s, nil
}
