package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

const cliChildEnv = "HEARTH_TEST_CLI_ARGS"

// TestCLIChild is not a test: it is a second process running the command
// line with the arguments in HEARTH_TEST_CLI_ARGS (separated by \x1f).
func TestCLIChild(t *testing.T) {
	args := os.Getenv(cliChildEnv)
	if args == "" {
		t.Skip("child process only")
	}
	os.Exit(Run(context.Background(), strings.Split(args, "\x1f"), IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}

// runCLIProcess runs the command line in another process over home and
// returns its exit code, stdout and stderr.
func runCLIProcess(t *testing.T, home string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCLIChild$")
	cmd.Env = append(os.Environ(), cliChildEnv+"="+strings.Join(args, "\x1f"), "HEARTH_HOME="+home,
		"HEARTH_PASSPHRASE="+testPassphrase, "HEARTH_OLLAMA_BIN=/nonexistent", "OLLAMA_HOST=127.0.0.1:9")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("run %v: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

const testPassphrase = "one writer passphrase"

// TestOneStoreOneWriter: while the window has the store open, a command in
// another process is refused with one sentence and exit 1, before it
// touches anything; once the window closes the command works, and what it
// added is found by the window's search after it reopens.
func TestOneStoreOneWriter(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	v := NewVault(filepath.Join(home, "store"), &recordedEvents{})
	defer v.Close()
	if _, err := v.Create(ctx, testPassphrase); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLIProcess(t, home, "memory", "add", "the command line remembers zeppelins")
	want := "hearth: Hearth's data in " + home + " is open in another Hearth process (the window or a command); close it first\n"
	if code != ExitFailure || stderr != want {
		t.Fatalf("command beside the window: exit %d, stderr %q; want exit 1 and %q", code, stderr, want)
	}
	err := v.Use(func(st *memory.Store) error {
		_, err := st.AddMemory(ctx, "the window remembers lighthouses", memory.Source{})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLIProcess(t, home, "memory", "add", "the command line remembers zeppelins"); code != 0 {
		t.Fatalf("command after the window closed: exit %d: %s", code, stderr)
	}
	if err := v.Unlock(ctx, memory.Passphrase(testPassphrase)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"zeppelins", "lighthouses"} {
		var n int
		err := v.Use(func(st *memory.Store) error {
			hits, err := st.Search(ctx, q, 5)
			n = len(hits)
			return err
		})
		if err != nil || n != 1 {
			t.Errorf("window search %q: %d hits, %v; want 1", q, n, err)
		}
	}
}

// TestWindowRefusedBesideCommand: a window unlocking while a command holds
// the store says so in one sentence.
func TestWindowRefusedBesideCommand(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	dir := filepath.Join(home, "store")
	st, _, err := memory.Create(ctx, dir, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	v := NewVault(dir, &recordedEvents{})
	err = v.Unlock(ctx, memory.Passphrase(testPassphrase))
	if !errors.Is(err, memory.ErrInUse) || !strings.Contains(err.Error(), "is open in another Hearth process") {
		t.Fatalf("window unlock beside a command: %v", err)
	}
}

// TestChatCommandWithModelName: the terminal chat keeps the store open and
// resolves a model name through that same store, never by opening it a
// second time (which the one-writer lock refuses, even in one process).
func TestChatCommandWithModelName(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", testPassphrase)
	t.Setenv("OLLAMA_HOST", "127.0.0.1:9")
	var out, errb bytes.Buffer
	stdio := IO{In: strings.NewReader(""), Out: &out, Err: &errb}
	if code := Run(context.Background(), []string{"models", "import", storiesModel(t)}, stdio); code != 0 {
		t.Fatalf("models import: exit %d: %s", code, errb.String())
	}
	errb.Reset()
	// Each command takes the passphrase out of the environment, as a new
	// process would find it there again.
	t.Setenv("HEARTH_PASSPHRASE", testPassphrase)
	stdio.In = strings.NewReader("Once upon a time\n/exit\n")
	code := Run(context.Background(), []string{"chat", "--model", "stories260k", "--max-tokens", "4", "--seed", "1"}, stdio)
	if code != 0 {
		t.Fatalf("chat --model stories260k: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "Chatting with stories260k") || out.Len() == 0 {
		t.Fatalf("chat gave no answer: stdout %q, stderr %q", out.String(), errb.String())
	}
}
