// Package jinjaref renders chat templates with @huggingface/jinja, the
// Jinja engine of transformers.js, for tests that compare Hearth's
// renderings with an independent engine byte for byte. It runs node on
// engine/chattemplate/testdata/jinjaref/render.mjs; `npm ci` there first.
// Test-only, like llamaref beside it: only _test files import it.
package jinjaref

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Case is one rendering: a template and its variables as a JSON object.
type Case struct {
	Template string          `json:"template"`
	Context  json.RawMessage `json:"context"`
}

// Result is the reference engine's output, or its error.
type Result struct {
	Output *string `json:"output"`
	Error  *string `json:"error"`
}

// RequireEnv names the variable that turns a missing reference engine
// from a skipped test into a failed one (set by make test and CI).
const RequireEnv = "HEARTH_REQUIRE_REFERENCE"

// Render renders cases with @huggingface/jinja. It skips the test when node
// or the package is missing, unless RequireEnv is set.
func Render(t testing.TB, cases []Case) []Result {
	t.Helper()
	dir := harnessDir(t)
	_, errMod := os.Stat(filepath.Join(dir, "node_modules", "@huggingface", "jinja"))
	node, errNode := exec.LookPath("node")
	if errMod != nil || errNode != nil {
		if os.Getenv(RequireEnv) != "" {
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
	var res []Result
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("reference renderer output: %v", err)
	}
	if len(res) != len(cases) {
		t.Fatalf("reference renderer returned %d results for %d cases", len(res), len(cases))
	}
	return res
}

// harnessDir is the folder of render.mjs, found from this file's place in
// the source tree, so that tests of any package reach it.
func harnessDir(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("jinjaref: cannot locate its source folder")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "chattemplate", "testdata", "jinjaref")
}
