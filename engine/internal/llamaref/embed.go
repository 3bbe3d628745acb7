package llamaref

import (
	"encoding/json"
	"testing"
)

// EmbedJob asks llama.cpp for the embeddings of texts with one model.
type EmbedJob struct {
	Model       string   `json:"model"`
	Texts       []string `json:"texts"`
	ContextSize int      `json:"contextSize"`
	Threads     int      `json:"threads,omitempty"`
}

// EmbedResult is llama.cpp's answer to an EmbedJob, per text: the tokens it
// embedded (special tokens added as getEmbeddingFor adds them) and the
// pooled vector (not normalized).
type EmbedResult struct {
	Tokens  [][]int32   `json:"tokens"`
	Vectors [][]float32 `json:"vectors"`
}

// Embed runs all jobs through node-llama-cpp's embedding context (CPU, one
// thread unless the job says) in one Node process. It calls Require first.
func Embed(t testing.TB, jobs []EmbedJob) []EmbedResult {
	t.Helper()
	Require(t)
	out := runNode(t, "embed", "embed.mjs", map[string]any{"jobs": jobs})
	var res struct {
		Results []EmbedResult `json:"results"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Results) != len(jobs) {
		t.Fatalf("llamaref: embed: bad output (%v): %.200s", err, out)
	}
	for i, r := range res.Results {
		if len(r.Tokens) != len(jobs[i].Texts) || len(r.Vectors) != len(jobs[i].Texts) {
			t.Fatalf("llamaref: embed: %d vectors for %d texts", len(r.Vectors), len(jobs[i].Texts))
		}
	}
	return res.Results
}
