package app_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDocsAddInterrupt builds the real binary, interrupts 'docs add' with
// SIGINT (Ctrl+C) as soon as it reports progress, and checks that it
// stops cleanly with one sentence and that the next run resumes: it
// reads only what the first did not finish.
func TestDocsAddInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "hearth")
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	home, lib := t.TempDir(), t.TempDir()
	const files = 3000
	for i := range files {
		writeDoc(t, filepath.Join(lib, fmt.Sprintf("d%02d/f%04d.md", i%30, i)),
			fmt.Sprintf("# Note %d\n\n%s tokenx%d\n", i, strings.Repeat("filler words to index. ", 60), i))
	}
	env := append(os.Environ(), "HEARTH_HOME="+home, "HEARTH_PASSPHRASE=interrupt test")

	cmd := exec.Command(bin, "docs", "add", lib)
	cmd.Env = env
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	var errLines []string
	for sc.Scan() {
		errLines = append(errLines, sc.Text())
		if strings.HasPrefix(sc.Text(), "indexing: ") {
			time.Sleep(200 * time.Millisecond)
			_ = cmd.Process.Signal(syscall.SIGINT)
			break
		}
	}
	for sc.Scan() {
		errLines = append(errLines, sc.Text())
	}
	err = cmd.Wait()
	last := errLines[len(errLines)-1]
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.HasPrefix(last, "hearth: stopped; ") || strings.Contains(strings.Join(errLines, "\n"), "goroutine") {
		t.Fatalf("interrupted docs add: %v, stderr:\n%s", err, strings.Join(errLines, "\n"))
	}

	again := exec.Command(bin, "docs", "add", lib)
	again.Env = env
	out, err := again.Output()
	if err != nil {
		t.Fatalf("resumed docs add: %v", err)
	}
	var read, unchanged int
	if _, err := fmt.Sscanf(strings.SplitN(string(out), ": ", 2)[1], "%d files read, %d unchanged", &read, &unchanged); err != nil {
		t.Fatalf("resumed docs add printed %q: %v", out, err)
	}
	if unchanged == 0 || read+unchanged != files {
		t.Fatalf("resume read %d and kept %d of %d files", read, unchanged, files)
	}
	for _, i := range []int{0, files / 2, files - 1} {
		q := exec.Command(bin, "docs", "search", "--json", fmt.Sprintf("tokenx%d", i))
		q.Env = env
		res, err := q.Output()
		if err != nil || strings.Count(string(res), `"path"`) != 1 {
			t.Fatalf("tokenx%d: %v %s", i, err, res)
		}
	}
	t.Logf("interrupted after %d files; the resume read %d", unchanged, read)
}
