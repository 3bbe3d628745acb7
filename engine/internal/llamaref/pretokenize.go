package llamaref

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
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
	req, err := json.Marshal(map[string]any{"jobs": jobs})
	if err != nil {
		t.Fatalf("llamaref: regex split: %v", err)
	}
	cmd := exec.Command("node", filepath.Join(Dir(), "pretokenize.mjs"))
	cmd.Dir = Dir()
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("llamaref: regex split: %v\n%s", err, stderr.Bytes())
	}
	var res struct {
		Jobs [][][]string `json:"jobs"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Jobs) != len(jobs) {
		t.Fatalf("llamaref: regex split: bad output (%v): %.200s", err, out)
	}
	return res.Jobs
}
