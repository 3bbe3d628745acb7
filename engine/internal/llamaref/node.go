package llamaref

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
)

// runNode runs one of this package's Node scripts with req as JSON on its
// standard input and returns what it prints; op names the call in failures.
func runNode(t testing.TB, op, script string, req any) []byte {
	t.Helper()
	out, err := node(script, req)
	if err != nil {
		t.Fatalf("llamaref: %s: %v", op, err)
	}
	return out
}

// node runs one of this package's Node scripts with req as JSON on its
// standard input and returns what it prints. A failure carries the script's
// standard error.
func node(script string, req any) ([]byte, error) {
	in, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", filepath.Join(Dir(), script))
	cmd.Dir = Dir()
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%w\n%s", err, stderr.Bytes())
	}
	return out, nil
}
