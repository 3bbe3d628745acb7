package app_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDocsAddKillDuringEmbedding builds the real binary, kills 'docs add
// --model' with SIGKILL once the embedding pass reports progress, and
// checks the resume: the chunks the killed run committed keep their
// vectors and the next run embeds exactly the rest.
func TestDocsAddKillDuringEmbedding(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "hearth")
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	model := testEmbeddingModel(t)
	home, lib := t.TempDir(), t.TempDir()
	const files = 1500
	for i := range files {
		writeDoc(t, filepath.Join(lib, fmt.Sprintf("f%04d.md", i)), fmt.Sprintf("Note %d about topic%d and tokenx%d.\n", i, i%7, i))
	}
	env := append(os.Environ(), "HEARTH_HOME="+home, "HEARTH_PASSPHRASE=kill test")
	run := func(args ...string) string {
		t.Helper()
		c := exec.Command(bin, args...)
		c.Env = env
		out, err := c.Output()
		if err != nil {
			t.Fatalf("hearth %s: %v", strings.Join(args, " "), err)
		}
		return string(out)
	}

	cmd := exec.Command(bin, "docs", "add", "--model", model, lib)
	cmd.Env = env
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "semantic index ") {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	_ = cmd.Wait()

	var done, chunks, pct int
	status := run("docs", "status", "--model", model)
	at := strings.Index(status, "Semantic index: ")
	if at < 0 {
		t.Fatalf("docs status printed %q", status)
	}
	if _, err := fmt.Sscanf(status[at:], "Semantic index: %d of %d chunks (%d%%)", &done, &chunks, &pct); err != nil {
		t.Fatalf("docs status printed %q: %v", status, err)
	}
	if done == 0 || done >= chunks || chunks != files {
		t.Fatalf("after the kill %d of %d chunks have vectors: the kill did not land mid-pass", done, chunks)
	}
	var again int
	out := run("docs", "add", "--model", model, lib)
	if _, err := fmt.Sscanf(out[strings.Index(out, "Semantic index: "):], "Semantic index: %d chunks embedded", &again); err != nil {
		t.Fatalf("resumed docs add printed %q: %v", out, err)
	}
	if again != chunks-done {
		t.Fatalf("the resume embedded %d chunks; %d of %d were done", again, done, chunks)
	}
	t.Logf("killed with %d of %d chunks embedded; the resume embedded %d", done, chunks, again)
}
