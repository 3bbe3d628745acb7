package openai_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/ollama"
	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
	"github.com/hearth-app/hearth/engine/openai"
)

const stories = ollamatest.StoriesName

// ollamaV1 returns a Backend for the shared real Ollama server's /v1 API,
// and Hearth's own Ollama backend for the same server, the reference.
func ollamaV1(t *testing.T) (*openai.Backend, *ollama.Backend) {
	t.Helper()
	srv := ref.Need(t)
	b, err := openai.New(openai.Config{URL: srv.URL + "/v1"})
	if err != nil {
		t.Fatal(err)
	}
	native, err := ollama.New(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	return b, native
}

func TestOllamaList(t *testing.T) {
	b, _ := ollamaV1(t)
	models, err := b.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(models, func(m engine.ModelInfo) bool { return m.Name == stories+":latest" && m.Backend == "openai" }) {
		t.Errorf("list %+v has no %s:latest", models, stories)
	}
}

// collect runs a generation and returns its chunks.
func collect(t *testing.T, b engine.Backend, req engine.Request) []engine.Chunk {
	t.Helper()
	var chunks []engine.Chunk
	for c, err := range b.Generate(context.Background(), req) {
		if err != nil {
			t.Fatal(err)
		}
		chunks = append(chunks, c)
	}
	return chunks
}

func textOf(chunks []engine.Chunk) string {
	var sb strings.Builder
	for _, c := range chunks {
		sb.WriteString(c.Text)
	}
	return sb.String()
}

// TestOllamaStreams: chat and raw completion stream token by token, end
// with one final chunk whose stats come from the server's usage report, and
// say (greedily) what Ollama's own API says for the same request.
func TestOllamaStreams(t *testing.T) {
	b, native := ollamaV1(t)
	tests := []struct {
		name string
		req  engine.Request
	}{
		{"chat", engine.Request{Model: stories, Messages: []engine.Message{{Role: "user", Content: "Once upon a time"}}, Options: engine.Options{MaxTokens: 40}}},
		{"raw prompt", engine.Request{Model: stories, Prompt: "Once upon a time", Raw: true, Options: engine.Options{MaxTokens: 40}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks := collect(t, b, tt.req)
			if len(chunks) < 5 {
				t.Fatalf("%d chunks: not streamed", len(chunks))
			}
			last := chunks[len(chunks)-1]
			if !last.Done || last.Stats == nil || slices.ContainsFunc(chunks[:len(chunks)-1], func(c engine.Chunk) bool { return c.Done }) {
				t.Fatalf("the last chunk %+v is not the only final one", last)
			}
			if last.Stats.GeneratedTokens != 40 || last.Stats.StopReason != "length" || last.Stats.PromptTokens == 0 {
				t.Errorf("stats %+v, want 40 tokens stopped by length", *last.Stats)
			}
			want := textOf(collect(t, native, tt.req))
			if got := textOf(chunks); got != want || len(strings.Fields(got)) < 5 {
				t.Errorf("through /v1: %q\nOllama's own API: %q", got, want)
			}
		})
	}
}

func TestOllamaEmbed(t *testing.T) {
	b, native := ollamaV1(t)
	texts := []string{"Once upon a time", "The cat sat"}
	vecs, err := b.Embed(context.Background(), stories, texts)
	if err != nil {
		t.Fatal(err)
	}
	want, err := native.Embed(context.Background(), stories, texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != 2 || len(vecs[0]) == 0 || !slices.Equal(vecs[0], want[0]) || !slices.Equal(vecs[1], want[1]) {
		t.Errorf("vectors through /v1 differ from Ollama's own: %d vectors", len(vecs))
	}
	if slices.Equal(vecs[0], vecs[1]) {
		t.Error("different texts gave the same vector")
	}
}

func TestOllamaErrors(t *testing.T) {
	b, _ := ollamaV1(t)
	host := strings.TrimPrefix(ref.Server.URL, "http://")
	_, _, err := drain(context.Background(), b, chatReq("no-such-model"))
	checkSentence(t, err, engine.ErrModelNotFound, "the server at "+host+` has no model "no-such-model"`)
	_, err = b.Embed(context.Background(), "no-such-model", []string{"x"})
	checkSentence(t, err, engine.ErrModelNotFound)
	// The stories model has no tool template: Ollama refuses tools, and
	// says so in one sentence.
	req := chatReq(stories)
	req.Tools = []engine.Tool{{Name: "get_time", Description: "The time."}}
	_, _, err = drain(context.Background(), b, req)
	checkSentence(t, err, nil, "does not support tools")
}

func TestOllamaCancelMidStream(t *testing.T) {
	b, _ := ollamaV1(t)
	long := engine.Request{Model: stories, Prompt: "Once upon a time", Raw: true, Options: engine.Options{MaxTokens: 1_000_000}}
	t.Run("cancel ctx", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n := 0
		var last error
		for _, err := range b.Generate(ctx, long) {
			if err != nil {
				last = err
				break
			}
			if n++; n == 5 {
				cancel()
			}
		}
		if !errors.Is(last, context.Canceled) {
			t.Errorf("after cancel: %v, want context.Canceled", last)
		}
	})
	t.Run("break out of the loop", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		n := 0
		for _, err := range b.Generate(ctx, long) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 3 {
				break
			}
		}
		// The server must be free again: a short generation completes.
		free, stop := context.WithTimeout(context.Background(), 30*time.Second)
		defer stop()
		if _, _, err := drain(free, b, engine.Request{Model: stories, Prompt: "Once", Options: engine.Options{MaxTokens: 5}}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestOllamaKilledMidStream starts a server of its own and kills it while
// it streams: the generation ends with one sentence matching
// ErrBackendDown, and then nothing answers.
func TestOllamaKilledMidStream(t *testing.T) {
	ref.Need(t)
	srv, err := ollamatest.Start(context.Background(), ollamatest.Binary(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Kill()
	model, err := ollamatest.StoriesModel()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Create(context.Background(), stories, model); err != nil {
		t.Fatal(err)
	}
	b, err := openai.New(openai.Config{URL: srv.URL, APIKey: secretKey})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	n := 0
	var last error
	for _, err := range b.Generate(ctx, engine.Request{Model: stories, Prompt: "Once upon a time", Options: engine.Options{MaxTokens: 1_000_000}}) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 5 {
			srv.Kill()
		}
	}
	if ctx.Err() != nil {
		t.Fatal("generation hung after the server was killed")
	}
	checkSentence(t, last, engine.ErrBackendDown, "the server at "+srv.Addr+" stopped before the answer was complete")
	_, err = b.List(context.Background())
	checkSentence(t, err, engine.ErrBackendDown, "nothing answers at "+srv.Addr)
}
