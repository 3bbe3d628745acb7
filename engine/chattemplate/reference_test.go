package chattemplate_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// refCase is one rendering for the reference engine.
type refCase struct {
	Template string          `json:"template"`
	Context  json.RawMessage `json:"context"`
}

// refResult is the reference engine's output or error.
type refResult struct {
	Output *string `json:"output"`
	Error  *string `json:"error"`
}

// renderReference renders cases with @huggingface/jinja (the Jinja engine of
// transformers.js) through testdata/jinjaref/render.mjs. It skips the test
// when node or the package is missing, unless HEARTH_REQUIRE_REFERENCE is set.
func renderReference(t *testing.T, cases []refCase) []refResult {
	t.Helper()
	dir := filepath.Join("testdata", "jinjaref")
	_, errMod := os.Stat(filepath.Join(dir, "node_modules", "@huggingface", "jinja"))
	node, errNode := exec.LookPath("node")
	if errMod != nil || errNode != nil {
		if os.Getenv("HEARTH_REQUIRE_REFERENCE") != "" {
			t.Fatalf("reference Jinja missing (run npm ci in %s): %v %v", dir, errMod, errNode)
		}
		t.Skipf("reference Jinja missing (npm ci in %s)", dir)
	}
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "render.mjs")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reference renderer: %v\n%s", err, stderr.String())
	}
	var res []refResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("reference renderer output: %v", err)
	}
	if len(res) != len(cases) {
		t.Fatalf("reference renderer returned %d results for %d cases", len(res), len(cases))
	}
	return res
}
