package app_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/app"
)

// TestPassphraseLeavesTheEnvironment runs a command that needs the store
// with the passphrases in the environment, then checks they are gone from
// it: from this process and from any child it starts (a real one, `env`,
// where the system has it). Before, HEARTH_PASSPHRASE stayed for the
// life of the process, inherited by Ollama or any MCP server started.
func TestPassphraseLeavesTheEnvironment(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", "first secret 9c1e")
	t.Setenv("HEARTH_NEW_PASSPHRASE", "second secret 4b7d")
	var out, errb bytes.Buffer
	// Not through run: that helper gives the next command its environment back.
	code := app.Run(context.Background(), []string{"memory", "add", "a fact"}, app.IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	if code != 0 {
		t.Fatalf("memory add: exit %d: %s", code, errb.String())
	}
	for _, name := range []string{"HEARTH_PASSPHRASE", "HEARTH_NEW_PASSPHRASE"} {
		if v, ok := os.LookupEnv(name); ok {
			t.Errorf("%s is still in the environment: %q", name, v)
		}
	}
	envBin, err := exec.LookPath("env")
	if err != nil {
		t.Logf("no env binary: child check skipped (%v)", err)
		return
	}
	child, err := exec.Command(envBin).Output()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(child, []byte("secret 9c1e")) || bytes.Contains(child, []byte("secret 4b7d")) {
		t.Error("a child process inherited a passphrase")
	}
	// The store was opened with the passphrase the environment carried.
	t.Setenv("HEARTH_PASSPHRASE", "first secret 9c1e")
	if code, out, errOut := run(t, "memory", "list"); code != 0 || !strings.Contains(out, "a fact") {
		t.Fatalf("memory list: exit %d, %q, %q", code, out, errOut)
	}
}
