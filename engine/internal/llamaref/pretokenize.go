package llamaref

import (
	"encoding/json"
	"testing"
)

// RegexJob asks for the pieces a list of pre-tokenizer regexes cuts texts
// into, applied as llama.cpp applies them (each regex re-splits every piece,
// keeping the text between matches).
type RegexJob struct {
	Regexes []string `json:"regexes"`
	Texts   []string `json:"texts"`
}

// RegexSplit runs jobs with JavaScript's regex engine in one Node process
// and returns, per job and text, the pieces. It calls Require first.
func RegexSplit(t testing.TB, jobs []RegexJob) [][][]string {
	t.Helper()
	Require(t)
	out := runNode(t, "regex split", "pretokenize.mjs", map[string]any{"jobs": jobs})
	var res struct {
		Jobs [][][]string `json:"jobs"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Jobs) != len(jobs) {
		t.Fatalf("llamaref: regex split: bad output (%v): %.200s", err, out)
	}
	return res.Jobs
}
