package ollamatest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Server is an Ollama server a test started. Kill ends it with every runner
// process it spawned.
type Server struct {
	Addr string // 127.0.0.1:PORT, as OLLAMA_HOST
	URL  string // http://127.0.0.1:PORT
	Log  string // path of the server's combined output
	bin  string
	dir  string
	cmd  *exec.Cmd
	exit chan struct{}
}

// Start runs `ollama serve` from bin on a free loopback port, keeping its
// HOME and models under dir, and waits until it answers.
func Start(ctx context.Context, bin, dir string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("ollamatest: %w", err)
	}
	s := &Server{Addr: fmt.Sprintf("127.0.0.1:%d", port), bin: bin, dir: dir, exit: make(chan struct{})}
	s.URL = "http://" + s.Addr
	s.Log = filepath.Join(dir, "server.log")
	for _, d := range []string{s.home(), s.models()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("ollamatest: %w", err)
		}
	}
	if err := s.start(); err != nil {
		return nil, err
	}
	if err := s.waitReady(ctx); err != nil {
		s.Kill()
		return nil, err
	}
	return s, nil
}

func (s *Server) home() string   { return filepath.Join(s.dir, "home") }
func (s *Server) models() string { return filepath.Join(s.dir, "models") }

// env is the environment of the server and of the ollama CLI run against it.
func (s *Server) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OLLAMA_") && !strings.HasPrefix(kv, "HOME=") {
			env = append(env, kv)
		}
	}
	// Four parallel slots, not one: Ollama v0.6.5 can lose a slot for good
	// when a client goes away mid-stream (its handler's callback blocks on a
	// channel nobody reads any more), and with one slot every later request
	// of the test run then waits forever; this failed the cancel tests under
	// load. The tests check Hearth's side of a cancel, not that race.
	return append(env, "HOME="+s.home(), "OLLAMA_HOST="+s.Addr, "OLLAMA_MODELS="+s.models(),
		"OLLAMA_NUM_PARALLEL=4", "OLLAMA_MAX_LOADED_MODELS=1", "OLLAMA_NOPRUNE=1")
}

func (s *Server) start() error {
	logf, err := os.Create(s.Log)
	if err != nil {
		return fmt.Errorf("ollamatest: %w", err)
	}
	s.cmd = exec.Command(s.bin, "serve")
	s.cmd.Env = s.env()
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	setGroup(s.cmd)
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("ollamatest: start %s: %w", s.bin, err)
	}
	go func() {
		s.cmd.Wait()
		logf.Close()
		close(s.exit)
	}()
	return nil
}

// waitReady polls the server until it answers, it exits, or 60 s pass.
func (s *Server) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/api/version", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.exit:
			return fmt.Errorf("ollamatest: server exited at start: %s", s.tail())
		case <-ctx.Done():
			return fmt.Errorf("ollamatest: server not ready: %w: %s", ctx.Err(), s.tail())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Create imports the GGUF file at path as model name, with `ollama create`
// and a Modelfile holding FROM path. The model runs on one thread: tests
// share a few cores with other work, and llama.cpp's threads, which spin
// while they wait for each other, crawl when a core is taken (40 tokens of
// the stories model take 0.02 s on one thread, over 10 s on two contended
// ones).
func (s *Server) Create(ctx context.Context, name, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("ollamatest: create %s: %w", name, err)
	}
	mf := filepath.Join(s.dir, "Modelfile."+name)
	if err := os.WriteFile(mf, []byte("FROM "+abs+"\nPARAMETER num_thread 1\n"), 0o600); err != nil {
		return fmt.Errorf("ollamatest: create %s: %w", name, err)
	}
	cmd := exec.CommandContext(ctx, s.bin, "create", name, "-f", mf)
	cmd.Env = s.env()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("ollamatest: ollama create %s: %w: %s", name, err, lastLine(string(out)))
	}
	return nil
}

// Kill ends the server and the runners it started, and waits for it.
func (s *Server) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	killGroup(s.cmd)
	select {
	case <-s.exit:
	case <-time.After(10 * time.Second):
	}
}

// Exited reports whether the server process has ended.
func (s *Server) Exited() bool {
	select {
	case <-s.exit:
		return true
	default:
		return false
	}
}

// tail returns the end of the server's log, for error messages.
func (s *Server) tail() string {
	b, _ := os.ReadFile(s.Log)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	addr, ok := l.Addr().(*net.TCPAddr)
	if !ok {
		return 0, errors.New("not a TCP address")
	}
	return addr.Port, nil
}
