package memory_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// childHold opens the store, adds a memory, says "ready" and keeps the
// store open until its stdin closes or it is killed.
func childHold(ctx context.Context, dir string) error {
	s, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...)
	if err != nil {
		fmt.Println("open:", err)
		return err
	}
	if _, err := s.AddMemory(ctx, "the child process remembers zeppelins", memory.Source{}); err != nil {
		return err
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	return s.Close()
}

// startHolder starts a child in "hold" mode whose stdin stays open.
func startHolder(t *testing.T, dir string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), childEnv+"=hold", "HEARTH_TEST_DIR="+dir)
	out, err := cmd.StdoutPipe()
	must(t, err)
	_, err = cmd.StdinPipe()
	must(t, err)
	must(t, cmd.Start())
	return cmd, bufio.NewScanner(out)
}

// TestOneWriterAcrossProcesses: while one process has the store open, a
// second is refused with ErrInUse (before it touches anything), and what
// the first wrote is whole and searchable once it is gone, even killed.
func TestOneWriterAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	if _, err := s.AddMemory(ctx, "the parent remembers lighthouses", memory.Source{}); err != nil {
		t.Fatal(err)
	}
	must(t, s.Close())

	cmd, out := startHolder(t, dir)
	if !out.Scan() || out.Text() != "ready" {
		kill(cmd)
		t.Fatalf("child did not open the store: %q", out.Text())
	}
	_, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...)
	if !errors.Is(err, memory.ErrInUse) {
		kill(cmd)
		t.Fatalf("second process Open: %v, want ErrInUse", err)
	}
	_, _, err = memory.Create(ctx, dir, pass, testOpts()...)
	if !errors.Is(err, memory.ErrInUse) {
		kill(cmd)
		t.Fatalf("second process Create: %v, want ErrInUse", err)
	}
	kill(cmd) // the OS drops the lock of a killed process

	s = reopen(t, dir)
	defer s.Close()
	for _, q := range []string{"zeppelins", "lighthouses"} {
		hits, err := s.Search(ctx, q, 5)
		must(t, err)
		if len(hits) != 1 {
			t.Errorf("search %q after the other process: %d hits, want 1", q, len(hits))
		}
	}
}

// TestOneWriterInProcess: the lock is per open store, so a second Open in
// the same process is refused too, and every way out of Open, Create and
// Close lets go of it.
func TestOneWriterInProcess(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	if _, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...); !errors.Is(err, memory.ErrInUse) {
		t.Fatalf("Open beside Create: %v, want ErrInUse", err)
	}
	must(t, s.Close())
	if _, err := memory.Open(ctx, dir, memory.Passphrase("wrong"), testOpts()...); !errors.Is(err, memory.ErrWrongPassphrase) {
		t.Fatalf("Open with a wrong passphrase: %v", err)
	}
	s = reopen(t, dir) // neither Close nor the failed Open kept the lock
	if _, _, err := memory.Create(ctx, dir, pass, testOpts()...); !errors.Is(err, memory.ErrInUse) {
		t.Fatalf("Create beside Open: %v, want ErrInUse", err)
	}
	must(t, s.Close())
	if _, _, err := memory.Create(ctx, dir, pass, testOpts()...); !errors.Is(err, memory.ErrExists) {
		t.Fatalf("Create over a closed store: %v, want ErrExists", err)
	}
	l, err := memory.LockDir(dir) // held without opening, as a restore's swap does
	must(t, err)
	if _, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...); !errors.Is(err, memory.ErrInUse) {
		t.Fatalf("Open while LockDir holds the store: %v, want ErrInUse", err)
	}
	l.Release()
	reopen(t, dir).Close()
}
