package openai_test

import (
	"context"
	"encoding/json"
	"iter"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-app/hearth/app/openai"
	"github.com/hearth-app/hearth/engine"
)

// stubBackend answers with canned chunks and records the last request.
type stubBackend struct {
	mu     sync.Mutex
	last   engine.Request
	chunks []engine.Chunk
	err    error
}

func (b *stubBackend) Name() string { return "stub" }

func (b *stubBackend) List(context.Context) ([]engine.ModelInfo, error) {
	return []engine.ModelInfo{{Name: "tiny", Backend: "stub"}, {Name: "embedder", Backend: "stub"}}, nil
}

func (b *stubBackend) Generate(ctx context.Context, req engine.Request) iter.Seq2[engine.Chunk, error] {
	b.mu.Lock()
	b.last = req
	b.mu.Unlock()
	return func(yield func(engine.Chunk, error) bool) {
		if b.err != nil {
			yield(engine.Chunk{}, b.err)
			return
		}
		for _, c := range b.chunks {
			if !yield(c, nil) {
				return
			}
		}
	}
}

func (b *stubBackend) Embed(_ context.Context, model string, input []string) ([][]float32, error) {
	if model != "embedder" {
		return nil, engine.ErrModelNotFound
	}
	out := make([][]float32, len(input))
	for i, s := range input {
		out[i] = []float32{float32(len(s)), 0.5, -1.25}
	}
	return out, nil
}

func (b *stubBackend) lastRequest() engine.Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.last
}

// textChunks is a short answer in three pieces.
func textChunks() []engine.Chunk {
	return []engine.Chunk{
		{Text: "Once"}, {Text: " upon"}, {Text: " a time"},
		{Done: true, Stats: &engine.Stats{PromptTokens: 4, GeneratedTokens: 3, StopReason: "eos"}},
	}
}

// toolChunks is an answer that calls a tool.
func toolChunks() []engine.Chunk {
	return []engine.Chunk{
		{ToolCalls: []engine.ToolCall{{Name: "get_weather", Arguments: json.RawMessage(`{"city":"Paris"}`)}}},
		{Done: true, Stats: &engine.Stats{PromptTokens: 10, GeneratedTokens: 7, StopReason: "eos"}},
	}
}

const testToken = "hearth-test-token-0123456789abcdef0123456789"

// startServer serves backend on a loopback port and returns its base URL.
func startServer(t *testing.T, backend engine.Backend) string {
	return startServerWith(t, backend, openai.Options{})
}

// startServerWith serves backend with opts on a loopback port and returns
// its base URL, http://127.0.0.1:PORT/v1/.
func startServerWith(t *testing.T, backend engine.Backend, opts openai.Options) string {
	t.Helper()
	srv, err := openai.New(backend, testToken, opts)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, l) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + l.Addr().String() + "/v1/"
}

func TestNewNeedsToken(t *testing.T) {
	if _, err := openai.New(&stubBackend{}, "", openai.Options{}); err == nil {
		t.Error("a server without a token was created")
	}
}

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr        string
		allowRemote bool
		ok, warns   bool
	}{
		{"127.0.0.1:7323", false, true, false},
		{"127.0.0.2:80", false, true, false},
		{"[::1]:7323", false, true, false},
		{"localhost:7323", false, true, false},
		{"0.0.0.0:7323", false, false, false},
		{":7323", false, false, false},
		{"192.168.1.5:7323", false, false, false},
		{"0.0.0.0:7323", true, true, true},
		{":7323", true, true, true},
		{"127.0.0.1", false, false, false},
		{"127.0.0.1:http-nope", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			warning, err := openai.CheckAddr(tt.addr, tt.allowRemote)
			if (err == nil) != tt.ok || (warning != "") != tt.warns {
				t.Errorf("CheckAddr(%q, %v) = %q, %v", tt.addr, tt.allowRemote, warning, err)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is not one line", err)
			}
		})
	}
}
