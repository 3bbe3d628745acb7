package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// TestMemoryCommands drives `hearth memory` and `hearth passwd` against a real
// store in a temporary HEARTH_HOME, then checks no plaintext reached the disk.
func TestMemoryCommands(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HEARTH_HOME", home)
	t.Setenv("HEARTH_PASSPHRASE", "first passphrase")
	const fact = "my canary fact is periwinkle-7f3a"

	mustRun := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, args...)
		if code != 0 {
			t.Fatalf("hearth %v: exit %d: %s", args, code, errOut)
		}
		return out
	}
	// The first command creates the store and shows the recovery key once.
	code, out, errOut := run(t, "memory", "add", fact)
	if code != 0 || !strings.Contains(out, "Remembered (#1)") || !strings.Contains(errOut, "recovery key") {
		t.Fatalf("first add: exit %d, out %q, err %q", code, out, errOut)
	}
	mustRun("memory", "add", "second", "fact")
	var mems []memory.Memory
	if err := json.Unmarshal([]byte(mustRun("memory", "list", "--json")), &mems); err != nil {
		t.Fatal(err)
	}
	if len(mems) != 2 || mems[0].Text != fact || mems[1].Text != "second fact" {
		t.Fatalf("list = %+v", mems)
	}
	mustRun("memory", "edit", "2", "edited fact")
	mustRun("memory", "forget", "1")
	if out := mustRun("memory", "list"); strings.Contains(out, fact) || !strings.Contains(out, "edited fact") {
		t.Fatalf("after forget and edit, list = %q", out)
	}

	t.Setenv("HEARTH_NEW_PASSPHRASE", "second passphrase")
	mustRun("passwd")
	if code, _, errOut := run(t, "memory", "list"); code != 1 || errOut != "hearth: wrong passphrase\n" {
		t.Fatalf("old passphrase after passwd: exit %d, %q", code, errOut)
	}
	t.Setenv("HEARTH_PASSPHRASE", "second passphrase")
	mustRun("memory", "list")

	// The forgotten fact is nowhere on disk, in any form it was written.
	filepath.Walk(home, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), "periwinkle") || strings.Contains(string(data), "edited fact") {
			t.Errorf("plaintext found in %s", p)
		}
		return nil
	})
}

func TestMemoryCommandErrors(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", "pass")
	if code, _, errOut := run(t, "memory", "add", "x"); code != 0 {
		t.Fatal(errOut)
	}
	tests := []struct {
		name string
		args []string
		code int
		part string
	}{
		{"unknown id", []string{"memory", "forget", "99"}, 1, "no memory #99"},
		{"bad id", []string{"memory", "forget", "abc"}, 2, "not a memory id"},
		{"no text", []string{"memory", "add"}, 2, "at least 1"},
		{"unknown subcommand", []string{"memory", "frob"}, 2, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectFailure(t, tt.args, tt.code, tt.part)
		})
	}
	t.Run("no passphrase and no terminal", func(t *testing.T) {
		os.Unsetenv("HEARTH_PASSPHRASE")
		code, _, errOut := run(t, "memory", "list")
		if code != 1 || !strings.Contains(errOut, "HEARTH_PASSPHRASE") {
			t.Fatalf("exit %d, %q", code, errOut)
		}
	})
}
