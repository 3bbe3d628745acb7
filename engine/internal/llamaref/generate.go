package llamaref

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// GenerateJob asks llama.cpp for a greedy continuation of a prompt and,
// optionally, the logits at every position.
type GenerateJob struct {
	Model       string  `json:"model"`
	Prompt      []int32 `json:"prompt"`   // token ids, BOS included if wanted
	Text        string  `json:"text"`     // or a text llama.cpp tokenizes after a BOS
	Generate    int     `json:"generate"` // greedy tokens to produce
	Vocab       int     `json:"vocab"`    // logits per position (the model's vocabulary)
	ContextSize int     `json:"contextSize"`
	Logits      bool    `json:"-"`
	// Stepwise evaluates the logits one token at a time (llama.cpp's decode
	// path) instead of as one batch.
	Stepwise bool `json:"-"`
	// Top, when positive, keeps only the Top largest logits of each position
	// (in GenerateResult.Top), which is much faster for large vocabularies.
	Top int `json:"-"`
	// KVType, when set ("Q8_0"), is the type of llama.cpp's KV cache, keys
	// and values, computed with flash attention; empty means F16 without.
	KVType     string `json:"-"`
	logitsPath string
}

// GenerateResult is llama.cpp's answer to a GenerateJob.
type GenerateResult struct {
	// Prompt is the prompt's tokens (Text tokenized by llama.cpp).
	Prompt []int32
	// Tokens are the greedy tokens after the prompt (temperature 0).
	Tokens []int32
	// Logits, when asked for, hold Vocab raw logits for each position of
	// Prompt followed by Tokens, evaluated as one teacher-forced batch: row i
	// predicts the token after position i.
	Logits [][]float32
	// Top holds, when GenerateJob.Top was set, the largest logits of each
	// position instead, largest first.
	Top [][]TokenLogit
}

// TokenLogit is one token's logit.
type TokenLogit struct {
	Token int32
	Logit float32
}

// Generate runs all jobs through llama.cpp (node-llama-cpp, CPU, no flash
// attention, F16 KV cache unless a job says otherwise, one thread: ggml's thread handoffs cost more
// than these small models' work) in one Node process, as its start-up
// takes seconds. It calls Require first.
func Generate(t testing.TB, jobs []GenerateJob) []GenerateResult {
	t.Helper()
	Require(t)
	dir := t.TempDir()
	wire := make([]map[string]any, len(jobs))
	for i := range jobs {
		if jobs[i].Logits {
			jobs[i].logitsPath = filepath.Join(dir, fmt.Sprintf("logits-%d.f32", i))
		}
		wire[i] = map[string]any{"model": jobs[i].Model, "prompt": jobs[i].Prompt, "generate": jobs[i].Generate,
			"vocab": jobs[i].Vocab, "contextSize": jobs[i].ContextSize, "logits": jobs[i].logitsPath}
		if jobs[i].Stepwise {
			wire[i]["stepwise"] = true
		}
		if jobs[i].Top > 0 {
			wire[i]["top"] = jobs[i].Top
		}
		if jobs[i].KVType != "" {
			wire[i]["kvType"] = jobs[i].KVType
		}
		if jobs[i].Text != "" {
			wire[i]["text"] = jobs[i].Text
		}
	}
	out := runNode(t, "generate", "logits.mjs", map[string]any{"jobs": wire})
	var res struct {
		Results []struct {
			Prompt []int32 `json:"prompt"`
			Tokens []int32 `json:"tokens"`
		} `json:"results"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Results) != len(jobs) {
		t.Fatalf("llamaref: generate: bad output (%v): %.200s", err, out)
	}
	results := make([]GenerateResult, len(jobs))
	for i, j := range jobs {
		results[i].Prompt = res.Results[i].Prompt
		results[i].Tokens = res.Results[i].Tokens
		rows := len(results[i].Prompt) + len(results[i].Tokens)
		switch {
		case j.Logits && j.Top > 0:
			results[i].Top = readTop(t, j.logitsPath, rows, j.Top)
		case j.Logits:
			results[i].Logits = readLogits(t, j.logitsPath, rows, j.Vocab)
		}
	}
	return results
}

// readLogits reads rows of vocab little-endian float32 values.
func readLogits(t testing.TB, path string, rows, vocab int) [][]float32 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("llamaref: logits: %v", err)
	}
	if len(b) != rows*vocab*4 {
		t.Fatalf("llamaref: logits file has %d bytes, want %d rows of %d", len(b), rows, vocab)
	}
	out := make([][]float32, rows)
	for r := range out {
		out[r] = make([]float32, vocab)
		for i := range out[r] {
			out[r][i] = math.Float32frombits(binary.LittleEndian.Uint32(b[(r*vocab+i)*4:]))
		}
	}
	return out
}

// readTop reads rows of k (int32 id, float32 logit) pairs.
func readTop(t testing.TB, path string, rows, k int) [][]TokenLogit {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("llamaref: logits: %v", err)
	}
	if len(b) != rows*k*8 {
		t.Fatalf("llamaref: logits file has %d bytes, want %d rows of %d pairs", len(b), rows, k)
	}
	out := make([][]TokenLogit, rows)
	for r := range out {
		out[r] = make([]TokenLogit, k)
		for i := range out[r] {
			o := (r*k + i) * 8
			out[r][i] = TokenLogit{int32(binary.LittleEndian.Uint32(b[o:])), math.Float32frombits(binary.LittleEndian.Uint32(b[o+4:]))}
		}
	}
	return out
}
