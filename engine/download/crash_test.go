package download_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine/download"
)

const childEnv = "HEARTH_DOWNLOAD_CHILD"

// TestHelperProcess is not a test: it is the child the crash tests start
// and kill. It downloads HEARTH_TEST_URL to HEARTH_TEST_DEST. In "hold"
// mode it stops once every byte is written, just before the commit, and
// waits to be killed there.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(childEnv)
	if mode == "" {
		t.Skip("child process only")
	}
	req := download.Request{URL: os.Getenv("HEARTH_TEST_URL"), Dest: os.Getenv("HEARTH_TEST_DEST"), SHA256: os.Getenv("HEARTH_TEST_SHA256")}
	if mode == "hold" {
		req.Progress = func(p download.Progress) {
			if p.Total > 0 && p.Done == p.Total {
				fmt.Println("complete")
				time.Sleep(time.Minute)
			}
		}
	}
	_, err := (&download.Downloader{}).Fetch(context.Background(), req)
	fmt.Println("done", err)
	os.Exit(0)
}

// startChild starts the child in mode, downloading fs's file to path.
func startChild(t *testing.T, mode, url, path, sha string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "HEARTH_TEST_URL="+url, "HEARTH_TEST_DEST="+path, "HEARTH_TEST_SHA256="+sha)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

func killChild(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
}

// TestKillBeforeCommit kills a download with SIGKILL once the whole file is
// in the partial file, right before the rename: the next run commits it
// without fetching a byte again.
func TestKillBeforeCommit(t *testing.T) {
	fs := newFileServer(t, 512<<10)
	path := dest(t)
	cmd, out := startChild(t, "hold", fs.url(), path, fs.sha256())
	line := make(chan string, 1)
	go func() {
		out.Scan()
		line <- out.Text()
	}()
	select {
	case l := <-line:
		if l != "complete" {
			killChild(cmd)
			t.Fatalf("child said %q", l)
		}
	case <-time.After(20 * time.Second):
		killChild(cmd)
		t.Fatal("the child did not finish downloading")
	}
	killChild(cmd)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the destination exists before the commit: %v", err)
	}
	asked := len(fs.rangeHeaders())
	res, err := (&download.Downloader{}).Fetch(context.Background(), download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified || res.Resumed != int64(len(fs.content)) || len(fs.rangeHeaders()) != asked {
		t.Errorf("result %+v after %d requests (%d before): want the kept file committed without a request", res, len(fs.rangeHeaders()), asked)
	}
	assertDone(t, path, fs.content)
}

// TestKillAnywhere kills downloads with SIGKILL at random moments, the
// commit included: the destination is never a partial or wrong file, and
// the next run always ends with the right file and nothing else.
func TestKillAnywhere(t *testing.T) {
	kills := 12
	if testing.Short() {
		kills = 4
	}
	fs := newFileServer(t, 256<<10)
	fs.set(func(k *knobs) { k.delay = 15 * time.Millisecond }) // about 120 ms for the file
	path := dest(t)
	for i := range kills {
		cmd, out := startChild(t, "run", fs.url(), path, fs.sha256())
		go func() {
			for out.Scan() {
			}
		}()
		time.Sleep(time.Duration(rand.IntN(200)) * time.Millisecond)
		killChild(cmd)
		if b, err := os.ReadFile(path); err == nil && string(b) != string(fs.content) {
			t.Fatalf("kill %d left a wrong file of %d bytes at the destination", i, len(b))
		}
	}
	res, err := (&download.Downloader{}).Fetch(context.Background(), download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()})
	if err != nil || !res.Verified {
		t.Fatalf("after the kills: %+v, %v", res, err)
	}
	assertDone(t, path, fs.content)
}

// TestRecoverAfterRename starts from what a kill between the rename and the
// removal of the sidecar leaves: the file in place and a stale sidecar. The
// next run finds the file and clears the rest.
func TestRecoverAfterRename(t *testing.T) {
	fs := newFileServer(t, 64<<10)
	path := dest(t)
	if _, err := (&download.Downloader{}).Fetch(context.Background(), download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()}); err != nil {
		t.Fatal(err)
	}
	stale := fmt.Sprintf(`{"url":%q,"etag":"\"v1\"","size":%d,"sha256":%q}`, fs.url(), len(fs.content), fs.sha256())
	if err := os.WriteFile(path+".partial.json", []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := (&download.Downloader{}).Fetch(context.Background(), download.Request{URL: fs.url(), Dest: path, SHA256: fs.sha256()})
	if err != nil || !res.Existing {
		t.Fatalf("result %+v, %v: want the existing file", res, err)
	}
	assertDone(t, path, fs.content)
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "model.gguf.partial")); !os.IsNotExist(err) {
		t.Errorf("a partial file is left: %v", err)
	}
}
