package ollamatest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// StoriesName is the name the stories model is created under.
const StoriesName = "stories"

// Env is one test binary's reference server: started once in TestMain, shared
// by its tests.
type Env struct {
	Server *Server
	dir    string
	skip   string // why tests that need the server skip
	err    error  // why starting it failed
}

// Setup starts a server with the stories model imported as StoriesName, or
// records why there is none. Call Close when the tests are done.
func Setup() *Env {
	bin := Binary()
	if bin == "" {
		return &Env{skip: "no Ollama binary: set HEARTH_OLLAMA_BIN or run `make ollama`"}
	}
	model, err := StoriesModel()
	if err != nil {
		return &Env{err: err}
	}
	dir, err := os.MkdirTemp("", "hearth-ollama-")
	if err != nil {
		return &Env{err: err}
	}
	e := &Env{dir: dir}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e.Server, e.err = Start(ctx, bin, dir)
	if e.err == nil {
		e.err = e.Server.Create(ctx, StoriesName, model)
	}
	return e
}

// Need returns the server, or skips the test when there is no binary (fails
// instead when HEARTH_REQUIRE_REFERENCE is set), or fails it when the server
// could not start.
func (e *Env) Need(t testing.TB) *Server {
	t.Helper()
	switch {
	case e.err != nil:
		t.Fatalf("reference Ollama server: %v", e.err)
	case e.skip != "" && os.Getenv("HEARTH_REQUIRE_REFERENCE") != "":
		t.Fatalf("HEARTH_REQUIRE_REFERENCE is set but there is %s", e.skip)
	case e.skip != "":
		t.Skip(e.skip)
	}
	return e.Server
}

// Close kills the server and removes its files.
func (e *Env) Close() {
	if e.Server != nil {
		e.Server.Kill()
	}
	if e.dir != "" {
		os.RemoveAll(e.dir)
	}
}

// String describes the environment, for logs.
func (e *Env) String() string {
	if e.Server != nil {
		return fmt.Sprintf("Ollama %s at %s", Version, e.Server.URL)
	}
	return "no Ollama server"
}

// Main is a test binary's TestMain for tests that share one Ollama server:
// it sets *env up, runs the tests, closes the server and exits with the
// tests' status.
func Main(m *testing.M, env **Env) {
	*env = Setup()
	code := m.Run()
	(*env).Close()
	os.Exit(code)
}
