//go:build unix

package mcp_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-app/hearth/plugins/mcp"
)

// TestStartOnDemandStopWhenIdle: listing providers starts nothing; a call
// starts the server; it stops once idle; the next call starts it again.
func TestStartOnDemandStopWhenIdle(t *testing.T) {
	hostileCmd, _ := hostile(t, "ok")
	pidFile := filepath.Join(t.TempDir(), "pids")
	cmd := append([]string{"sh", "-c", `echo $$ >> "$0"; exec "$@"`, pidFile}, hostileCmd...)
	pids := func() []string {
		b, _ := os.ReadFile(pidFile)
		return strings.Fields(string(b))
	}
	alive := func(pid string) bool {
		var n int
		for _, c := range pid {
			n = n*10 + int(c-'0')
		}
		return syscall.Kill(n, 0) == nil
	}

	m, st := newManager(t, mcp.Options{IdleTimeout: 300 * time.Millisecond})
	r := addServer(t, m, st, mcp.Config{Name: "h", Command: cmd})
	waitGone := func(pid string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for alive(pid) {
			if time.Now().After(deadline) {
				t.Fatalf("server %s still running after it went idle", pid)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitGone(pids()[0]) // the process Add started
	if _, err := m.Providers(context.Background()); err != nil || len(pids()) != 1 {
		t.Fatalf("Providers started a server: %v, %v", pids(), err)
	}
	if _, err := call(t, r, "mcp:h", "ping", `{}`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if len(pids()) != 2 {
		t.Fatalf("a call did not start the server: %v", pids())
	}
	waitGone(pids()[1])
}
