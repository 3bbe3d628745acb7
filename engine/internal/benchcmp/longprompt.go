package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/engine/internal/llamaref"
)

// longGen is how many tokens the long-prompt row generates after its
// prompt: enough for llama.cpp's decode loop to start, the time to first
// token being the measurement.
const longGen = 4

// longRow is one model's long-prompt measurement with one KV cache type:
// the time to first token of both engines and the memory of Hearth's KV
// cache.
type longRow struct {
	Model    benchModel
	KV       string // "f16" or "q8_0"
	Hearth   float64
	Llama    float64 // time to first token, ms
	KVBytes  int64   // Hearth's KV cache for the prompt and answer
	HearthPF float64 // prefill tok/s
	LlamaPF  float64
}

// llamaKV is llama.cpp's name for a cache type ("" for its F16 default
// without flash attention).
func llamaKV(kv string) string {
	if kv == "q8_0" {
		return "Q8_0"
	}
	return ""
}

// measureLong runs both engines on m once per KV cache type with a prompt
// of c.Long tokens.
func measureLong(hearth string, m benchModel, c config) ([]longRow, error) {
	path := m.path(c.Dir)
	facts, err := factsOf(path)
	if err != nil {
		return nil, err
	}
	var rows []longRow
	for _, kv := range []string{"f16", "q8_0"} {
		fmt.Fprintf(os.Stderr, "%s: %d-token prompt, %s KV cache ...\n", m.Name, c.Long, kv)
		h, err := runHearthLong(hearth, path, c, kv)
		if err != nil {
			return nil, err
		}
		l, err := llamaref.MeasureKV(path, facts.Vocab, c.Long, longGen, c.Threads, llamaKV(kv))
		if err != nil {
			return nil, err
		}
		rows = append(rows, longRow{Model: m, KV: kv, Hearth: h.TTFTMS, Llama: 1000 * l.PrefillSeconds,
			KVBytes: h.KVBytes, HearthPF: h.PrefillTokS, LlamaPF: float64(c.Long) / l.PrefillSeconds})
	}
	return rows, nil
}

// runHearthLong measures the long prompt with `hearth bench`, without a
// second turn.
func runHearthLong(bin, path string, c config, kv string) (hearthRun, error) {
	cmd := exec.Command(bin, "bench", "--json", "--model", path, "--threads", strconv.Itoa(c.Threads),
		"--prompt-tokens", strconv.Itoa(c.Long), "--gen-tokens", strconv.Itoa(longGen), "--turn-tokens", "0", "--kv", kv)
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

// longMarkdown renders the long-prompt rows as a table.
func longMarkdown(c config, rows []longRow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nLong prompt: %d tokens evaluated as one request, one run per engine and cache type; "+
		"llama.cpp with a Q8_0 cache uses flash attention (it needs it for a quantized V).\n\n", c.Long)
	b.WriteString("| model | type | KV cache | TTFT ms Hearth / llama.cpp | × (llama.cpp ÷ Hearth) | prefill tok/s Hearth / llama.cpp | Hearth KV cache |\n")
	b.WriteString("|---|---|---|--:|--:|--:|--:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %.0f / %.0f | %.2f | %s / %s | %.1f MB |\n",
			r.Model.Shape, r.Model.Type, r.KV, r.Hearth, r.Llama, r.Llama/r.Hearth,
			rate(r.HearthPF), rate(r.LlamaPF), float64(r.KVBytes)/1e6)
	}
	return b.String()
}
