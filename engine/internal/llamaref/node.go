package llamaref

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
)

// runNode runs one of this package's Node scripts with req as JSON on its
// standard input and returns what it prints; op names the call in failures.
func runNode(t testing.TB, op, script string, req any) []byte {
	t.Helper()
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatalf("llamaref: %s: %v", op, err)
	}
	cmd := exec.Command("node", filepath.Join(Dir(), script))
	cmd.Dir = Dir()
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("llamaref: %s: %v\n%s", op, err, stderr.Bytes())
	}
	return out
}
