//go:build unix

package mcp_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-app/hearth/plugins/mcp"
)

func TestEverythingKilledMidCall(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	cmd := append([]string{"sh", "-c", `echo $$ > "$0"; exec "$@"`, pidFile}, everything(t)...)
	m, st := newManager(t, mcp.Options{})
	r := addServer(t, m, st, mcp.Config{Name: "everything", Command: cmd})
	done := make(chan error, 1)
	go func() {
		_, err := call(t, r, "mcp:everything", "trigger-long-running-operation", `{"duration":60,"steps":60}`, 2*time.Minute)
		done <- err
	}()
	time.Sleep(time.Second)
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		oneSentence(t, err)
		if !strings.Contains(err.Error(), "stopped during the call") {
			t.Errorf("error = %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the call hangs after the server was killed")
	}
	if res, err := call(t, r, "mcp:everything", "echo", `{"message":"restarted"}`, 30*time.Second); err != nil || !strings.Contains(res.Text, "restarted") {
		t.Fatalf("call after a restart: %+v, %v", res, err)
	}
}
