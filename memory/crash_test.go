package memory_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/internal/keys"
)

const childEnv = "HEARTH_TEST_CHILD"

// TestHelperProcess is not a test: it is the child the crash tests start
// and kill. It writes until killed, printing "ack" after each commit.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(childEnv)
	if mode == "" {
		t.Skip("child process only")
	}
	ctx := context.Background()
	dir := os.Getenv("HEARTH_TEST_DIR")
	var err error
	switch mode {
	case "write":
		err = childWrite(ctx, dir)
	case "passwd":
		err = childPasswd(ctx, dir)
	case "hold":
		err = childHold(ctx, dir)
	}
	fmt.Fprintln(os.Stderr, "child:", err)
	os.Exit(3)
}

func childWrite(ctx context.Context, dir string) error {
	s, err := memory.Open(ctx, dir, memory.Passphrase(pass), testOpts()...)
	if err != nil {
		return err
	}
	c, err := s.CreateConversation(ctx, "crash")
	if err != nil {
		return err
	}
	var parent int64
	for i := 0; ; i++ {
		text := fmt.Sprintf("ack%d-%d", i, rand.Uint64())
		m, err := s.AddMessage(ctx, c.ID, parent, memory.Message{Role: "user", Text: text})
		if err != nil {
			return err
		}
		parent = m.ID
		fmt.Fprintf(os.Stdout, "ack %d %s\n", m.ID, text) // after the commit
		if i%20 == 19 {
			if err := s.SaveIndex(ctx); err != nil {
				return err
			}
		}
	}
}

// passwdParams are costly enough that a kill often lands inside the
// passphrase change, cheap enough for a short test.
var passwdParams = keys.Params{Time: 1, MemoryKiB: 8 * 1024, Threads: 1}

func childPasswd(ctx context.Context, dir string) error {
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
		if err := s.ChangePassphrase(ctx, memory.Passphrase(cur), next); err != nil {
			return err
		}
		cur, next = next, cur
	}
}

func startChild(t *testing.T, mode, dir string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "HEARTH_TEST_DIR="+dir)
	out, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	return cmd, bufio.NewScanner(out)
}

func kill(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
}

func TestCrashSafety(t *testing.T) {
	kills := 50
	if testing.Short() {
		kills = 10
	}
	s, dir, _ := newStore(t)
	must(t, s.Close())
	acked := map[int64]string{}
	for i := range kills {
		cmd, out := startChild(t, "write", dir)
		readAcks(out, acked, time.Duration(rand.IntN(150))*time.Millisecond)
		kill(cmd)
		verifyAfterCrash(t, dir, acked, i)
	}
	t.Logf("%d kills, %d acknowledged messages", kills, len(acked))
}

// readAcks records acknowledged messages until the child has written for
// run after its first ack (or for 10 s at most), leaving it mid-write.
func readAcks(out *bufio.Scanner, acked map[int64]string, run time.Duration) {
	lines := make(chan string)
	go func() {
		defer close(lines)
		for out.Scan() {
			lines <- out.Text()
		}
	}()
	defer func() {
		go func() {
			for range lines {
			}
		}()
	}()
	timeout := time.After(10 * time.Second)
	var deadline time.Time
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				return
			}
			var id int64
			var text string
			if _, err := fmt.Sscanf(l, "ack %d %s", &id, &text); err == nil {
				acked[id] = text
				if deadline.IsZero() {
					deadline = time.Now().Add(run)
				}
			}
			if !deadline.IsZero() && time.Now().After(deadline) {
				return
			}
		case <-timeout:
			return
		}
	}
}

func verifyAfterCrash(t *testing.T, dir string, acked map[int64]string, round int) {
	t.Helper()
	ctx := context.Background()
	s := reopen(t, dir)
	defer s.Close()
	for id, text := range acked {
		m, err := s.Message(ctx, id)
		if err != nil || m.Text != text {
			t.Fatalf("round %d: acknowledged message %d: %q, %v", round, id, m.Text, err)
		}
	}
	st, err := s.Stats(ctx)
	must(t, err)
	if rows := st.Messages + st.Memories + st.Chunks; st.Indexed != uint64(rows) {
		t.Fatalf("round %d: index holds %d documents, store %d rows", round, st.Indexed, rows)
	}
	if st.Messages < len(acked) {
		t.Fatalf("round %d: %d messages, %d acknowledged", round, st.Messages, len(acked))
	}
	checkIntegrity(t, dir)
}

func checkIntegrity(t *testing.T, dir string) {
	t.Helper()
	db := rawDB(t, dir)
	defer db.Close()
	var res string
	must(t, db.QueryRow("PRAGMA integrity_check").Scan(&res))
	if res != "ok" {
		t.Fatalf("integrity_check: %s", res)
	}
}

func TestKillDuringPasswd(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, _, err := memory.Create(ctx, dir, "alpha", memory.WithKDF(passwdParams), memory.WithKDFFloor(cheap))
	must(t, err)
	must(t, s.Close())
	for i := range 12 {
		cmd, out := startChild(t, "passwd", dir)
		if !out.Scan() || out.Text() != "ready" {
			kill(cmd)
			t.Fatalf("round %d: child did not start", i)
		}
		time.Sleep(time.Duration(rand.IntN(60)) * time.Millisecond)
		kill(cmd)
		works := 0
		for _, p := range []string{"alpha", "bravo"} {
			s, err := memory.Open(ctx, dir, memory.Passphrase(p), memory.WithKDFFloor(cheap))
			switch {
			case err == nil:
				works++
				s.Close()
			case !errors.Is(err, memory.ErrWrongPassphrase):
				t.Fatalf("round %d: open with %s: %v", i, p, err)
			}
		}
		if works != 1 {
			t.Fatalf("round %d: %d passphrases work, want exactly 1", i, works)
		}
	}
}
