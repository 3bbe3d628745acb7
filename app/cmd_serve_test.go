package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app"
)

// fakeOllama answers the one call `hearth serve` makes at start and the
// model list, as an Ollama server does.
func fakeOllama(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/tags" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, `{"models":[{"name":"stories:latest","model":"stories:latest","size":1185376,"details":{"family":"llama"}}]}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// lockedBuffer is a bytes.Buffer safe to read while a command writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

var tokenLine = regexp.MustCompile(`API token: (hearth-[0-9a-f]{64})\n`)

func TestServe(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HEARTH_HOME", home)
	addr := freeAddr(t)
	var out, errb lockedBuffer
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- app.Run(ctx, []string{"serve", "--backend", "ollama", "--addr", addr, "--ollama-host", fakeOllama(t)}, app.IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	}()
	token := waitForToken(t, &out, done)
	if !strings.Contains(out.String(), "http://"+addr+"/v1") {
		t.Errorf("start message %q does not say where", out.String())
	}
	fi, err := os.Stat(filepath.Join(home, "api-token"))
	if err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Errorf("token file: %v %v", fi, err)
	}
	for _, tt := range []struct {
		name, auth string
		status     int
	}{{"with the token", "Bearer " + token, 200}, {"without", "", 401}, {"wrong token", "Bearer hearth-nope", 401}} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", "http://"+addr+"/v1/models", nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				Data  []struct{ ID string } `json:"data"`
				Error *struct{ Message string }
			}
			json.NewDecoder(resp.Body).Decode(&body)
			if resp.StatusCode != tt.status || (tt.status == 200 && (len(body.Data) != 1 || body.Data[0].ID != "stories:latest")) ||
				(tt.status == 401 && (body.Error == nil || body.Error.Message == "")) {
				t.Errorf("answer %d %+v", resp.StatusCode, body)
			}
		})
	}
	stop() // Ctrl-C
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after Ctrl-C (stderr %q)", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// waitForToken waits for the start message and returns the token it shows.
func waitForToken(t *testing.T, out *lockedBuffer, done chan int) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := tokenLine.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d early: %q", code, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("no token shown: %q", out.String())
	return ""
}

func TestServeRefuses(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	closed := freeAddr(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"every interface", []string{"serve", "--addr", "0.0.0.0:7323"}, app.ExitUsage, "--allow-remote"},
		{"no host", []string{"serve", "--addr", ":7323"}, app.ExitUsage, "--allow-remote"},
		{"lan address", []string{"serve", "--addr", "192.168.1.20:7323"}, app.ExitUsage, "--allow-remote"},
		{"bad address", []string{"serve", "--addr", "nonsense"}, app.ExitUsage, "HOST:PORT"},
		{"unknown backend", []string{"serve", "--backend", "gpt"}, app.ExitUsage, "unknown backend"},
		{"port taken", []string{"serve", "--backend", "ollama", "--addr", busy.Addr().String(), "--ollama-host", fakeOllama(t)}, app.ExitFailure, busy.Addr().String() + " is already in use"},
		{"ollama down", []string{"serve", "--backend", "ollama", "--addr", freeAddr(t), "--ollama-host", closed}, app.ExitFailure, "Ollama is not running at http://" + closed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCtx(context.Background(), tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (%q)", code, tt.code, stderr)
			}
			oneLineError(t, code, stderr, tt.want)
		})
	}
}

func TestServeAllowRemoteWarns(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	port := strings.TrimPrefix(freeAddr(t), "127.0.0.1:")
	var out, errb lockedBuffer
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	done := make(chan int, 1)
	go func() {
		done <- app.Run(ctx, []string{"serve", "--backend", "ollama", "--allow-remote", "--addr", fmt.Sprintf("0.0.0.0:%s", port), "--ollama-host", fakeOllama(t)},
			app.IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	}()
	waitForToken(t, &out, done)
	if !strings.Contains(errb.String(), "warning: serving on 0.0.0.0") {
		t.Errorf("no warning: %q", errb.String())
	}
	stop()
	<-done
}
