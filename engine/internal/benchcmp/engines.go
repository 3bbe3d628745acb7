package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
)

// hearthRun is what `hearth bench --json` prints (the fields used here).
type hearthRun struct {
	PrefillTokS float64 `json:"prefill_tok_s"`
	DecodeTokS  float64 `json:"decode_tok_s"`
	TTFTMS      float64 `json:"ttft_ms"`
	Turn2MS     float64 `json:"ttft_turn2_ms"`
	Turn2ColdMS float64 `json:"ttft_turn2_cold_ms"`
	PeakRSSMB   float64 `json:"peak_rss_mb"`
	KVBytes     int64   `json:"kv_bytes"`
}

// runHearth measures the model at path with the hearth binary at bin, in a
// process of its own.
func runHearth(bin, path string, c config) (hearthRun, error) {
	cmd := exec.Command(bin, "bench", "--json", "--model", path, "--threads", strconv.Itoa(c.Threads),
		"--prompt-tokens", strconv.Itoa(c.Prompt), "--gen-tokens", strconv.Itoa(c.Gen), "--turn-tokens", strconv.Itoa(c.Turn))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return hearthRun{}, fmt.Errorf("hearth bench: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var r hearthRun
	if err := json.Unmarshal(out, &r); err != nil {
		return hearthRun{}, fmt.Errorf("hearth bench: bad output %q", out)
	}
	return r, nil
}

// llamaRun is llama.cpp's throughput on one model.
type llamaRun struct {
	PrefillTokS float64
	DecodeTokS  float64
}

// runLlama measures the model at path (vocab tokens) with llama.cpp through
// node-llama-cpp, in a process of its own, on the same prompt.
func runLlama(path string, vocab int, c config) (llamaRun, error) {
	s, err := llamaref.Measure(path, vocab, c.Prompt, c.Gen, c.Threads)
	if err != nil {
		return llamaRun{}, err
	}
	return llamaRun{PrefillTokS: float64(c.Prompt) / s.PrefillSeconds, DecodeTokS: float64(s.Generated) / s.DecodeSeconds}, nil
}
