package memory_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
)

const rotateChildEnv = "HEARTH_TEST_ROTATE_CHILD"

// TestRotateHelperProcess is not a test: it is the child that
// TestKillDuringRotation starts and kills. It rotates the data key in a
// loop, switching between the passphrases alpha and bravo each time.
func TestRotateHelperProcess(t *testing.T) {
	dir := os.Getenv(rotateChildEnv)
	if dir == "" {
		t.Skip("child process only")
	}
	fmt.Fprintln(os.Stderr, "child:", childRotate(context.Background(), dir))
	os.Exit(3)
}

func childRotate(ctx context.Context, dir string) error {
	opts := []memory.Option{memory.WithKDF(passwdParams), memory.WithKDFFloor(cheap)}
	cur, next := "alpha", "bravo"
	s, err := memory.Open(ctx, dir, memory.Passphrase(cur), opts...)
	if errors.Is(err, memory.ErrWrongPassphrase) {
		cur, next = next, cur
		s, err = memory.Open(ctx, dir, memory.Passphrase(cur), opts...)
	}
	if err != nil {
		return err
	}
	fmt.Println("ready")
	for {
		if _, err := s.RotateKey(ctx, memory.Passphrase(cur), next); err != nil {
			return err
		}
		cur, next = next, cur
	}
}

// rotationMessages is how many messages the crash test's store holds:
// enough that a kill often lands while rows are being re-sealed.
const rotationMessages = 300

// TestKillDuringRotation kills a process in the middle of key rotations
// and checks that the store then opens with exactly one of the two
// passphrases (the old key's or the new one's, never neither) and that
// every value in it reads under that key.
func TestKillDuringRotation(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, _, err := memory.Create(ctx, dir, "alpha", memory.WithKDF(passwdParams), memory.WithKDFFloor(cheap))
	must(t, err)
	fillAll(t, s)
	c, err := s.CreateConversation(ctx, "many")
	must(t, err)
	batch := make([]memory.Message, rotationMessages)
	for i := range batch {
		batch[i] = memory.Message{Role: memory.RoleUser, Text: fmt.Sprintf("message %d about scree", i)}
	}
	_, err = s.AddMessages(ctx, c.ID, 0, batch)
	must(t, err)
	must(t, s.Close())
	rounds := 12
	if testing.Short() {
		rounds = 5
	}
	opened := map[string]int{}
	for i := range rounds {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRotateHelperProcess$")
		cmd.Env = append(os.Environ(), rotateChildEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		must(t, err)
		must(t, cmd.Start())
		sc := bufio.NewScanner(out)
		if !sc.Scan() || sc.Text() != "ready" {
			kill(cmd)
			t.Fatalf("round %d: child did not start", i)
		}
		time.Sleep(time.Duration(rand.IntN(120)) * time.Millisecond)
		kill(cmd)
		opened[checkAfterRotationCrash(t, dir, c.ID, i)]++
	}
	t.Logf("after %d kills the store opened with %v", rounds, opened)
}

// checkAfterRotationCrash opens the store with whichever passphrase works
// (exactly one must) and reads every value. It returns the passphrase.
func checkAfterRotationCrash(t *testing.T, dir string, conv int64, round int) string {
	t.Helper()
	ctx := context.Background()
	// The store admits one opener at a time, so each passphrase is tried
	// on its own and the store closed again before the next.
	var works []string
	for _, p := range []string{"alpha", "bravo"} {
		s, err := memory.Open(ctx, dir, memory.Passphrase(p), memory.WithKDFFloor(cheap))
		switch {
		case err == nil:
			works = append(works, p)
			must(t, s.Close())
		case !errors.Is(err, memory.ErrWrongPassphrase):
			t.Fatalf("round %d: open with %s: %v", round, p, err)
		}
	}
	if len(works) != 1 {
		t.Fatalf("round %d: the store opens with %d passphrases (%v), want exactly one", round, len(works), works)
	}
	opened, err := memory.Open(ctx, dir, memory.Passphrase(works[0]), memory.WithKDFFloor(cheap))
	must(t, err)
	defer opened.Close()
	msgs, err := opened.Messages(ctx, conv)
	if err != nil || len(msgs) != rotationMessages {
		t.Fatalf("round %d: %d messages, %v", round, len(msgs), err)
	}
	for i, m := range msgs {
		if want := fmt.Sprintf("message %d about scree", i); m.Text != want {
			t.Fatalf("round %d: message %d = %q", round, i, m.Text)
		}
	}
	st, err := opened.Stats(ctx)
	must(t, err)
	if rows := st.Messages + st.Memories + st.Chunks; st.Indexed != uint64(rows) {
		t.Fatalf("round %d: index holds %d documents, store %d rows", round, st.Indexed, rows)
	}
	if v, err := opened.Setting(ctx, "theme"); err != nil || string(v) != "dark" {
		t.Fatalf("round %d: setting = %q, %v", round, v, err)
	}
	if chunks, err := opened.Chunks(ctx, 1); err != nil || len(chunks) != 1 {
		t.Fatalf("round %d: chunks = %q, %v", round, chunks, err)
	}
	checkIntegrity(t, dir)
	return works[0]
}
