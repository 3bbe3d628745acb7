package ollama_test

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
)

const stories = ollamatest.StoriesName

// realBackend returns a Backend for the shared real server.
func realBackend(t *testing.T) *ollama.Backend {
	t.Helper()
	srv := ref.Need(t)
	b, err := ollama.New(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRealListAndShow(t *testing.T) {
	b := realBackend(t)
	ctx := context.Background()
	// A server built with `go install` reports version 0.0.0: only check
	// that the call works.
	if v, err := b.Version(ctx); err != nil || v == "" {
		t.Errorf("version %q, %v", v, err)
	}
	models, err := b.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(models, func(m engine.ModelInfo) bool { return strings.HasPrefix(m.Name, stories+":") })
	if i < 0 {
		t.Fatalf("list %+v has no %s", models, stories)
	}
	m := models[i]
	if m.Backend != "ollama" || m.Architecture != "llama" || m.Size < 1_000_000 {
		t.Errorf("listed %+v", m)
	}
	info, err := b.Show(ctx, stories)
	if err != nil {
		t.Fatal(err)
	}
	if info.Architecture != "llama" || info.ContextLength != 128 {
		t.Errorf("show %+v, want llama with context 128", info)
	}
}

func TestRealGenerate(t *testing.T) {
	b := realBackend(t)
	tests := []struct {
		name string
		req  engine.Request
	}{
		{"raw prompt", engine.Request{Model: stories, Prompt: "Once upon a time", Raw: true, Options: engine.Options{MaxTokens: 40}}},
		{"chat", engine.Request{Model: stories, Messages: []engine.Message{{Role: "user", Content: "Once upon a time"}}, Options: engine.Options{MaxTokens: 40}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var chunks []engine.Chunk
			for c, err := range b.Generate(context.Background(), tt.req) {
				if err != nil {
					t.Fatal(err)
				}
				chunks = append(chunks, c)
			}
			if len(chunks) < 5 {
				t.Fatalf("%d chunks: not streamed", len(chunks))
			}
			last := chunks[len(chunks)-1]
			if !last.Done || last.Stats == nil {
				t.Fatalf("last chunk %+v is not the final one", last)
			}
			for _, c := range chunks[:len(chunks)-1] {
				if c.Done {
					t.Fatal("a chunk before the last says done")
				}
			}
			if last.Stats.GeneratedTokens != 40 || last.Stats.StopReason != "length" || last.Stats.PromptTokens == 0 {
				t.Errorf("stats %+v, want 40 tokens stopped by length", *last.Stats)
			}
		})
	}
}

func TestRealGreedyIsDeterministic(t *testing.T) {
	b := realBackend(t)
	req := engine.Request{Model: stories, Prompt: "Once upon a time", Raw: true, Options: engine.Options{MaxTokens: 30}}
	a, err := drain(context.Background(), b, req)
	if err != nil {
		t.Fatal(err)
	}
	c, err := drain(context.Background(), b, req)
	if err != nil {
		t.Fatal(err)
	}
	if a != c || len(strings.Fields(a)) < 5 {
		t.Errorf("greedy answers differ or are empty: %q vs %q", a, c)
	}
}

func TestRealCancelMidStream(t *testing.T) {
	b := realBackend(t)
	long := engine.Request{Model: stories, Prompt: "Once upon a time", Raw: true, Options: engine.Options{MaxTokens: 1_000_000}}
	t.Run("cancel ctx", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n, start := 0, time.Now()
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
		if time.Since(start) > 20*time.Second {
			t.Errorf("cancel took %v", time.Since(start))
		}
	})
	t.Run("break out of the loop", func(t *testing.T) {
		// Bounded, so that a server still busy with the cancelled answer
		// fails the test in a minute instead of hanging the run.
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
		if _, err := drain(free, b, engine.Request{Model: stories, Prompt: "Once", Raw: true, Options: engine.Options{MaxTokens: 5}}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestRealMissingModel(t *testing.T) {
	b := realBackend(t)
	ctx := context.Background()
	_, err := drain(ctx, b, chatReq("no-such-model"))
	checkErr(t, err, engine.ErrModelNotFound, []string{`"no-such-model"`})
	_, err = drain(ctx, b, engine.Request{Model: "no-such-model", Prompt: "x", Raw: true})
	checkErr(t, err, engine.ErrModelNotFound, []string{`"no-such-model"`})
	_, err = b.Show(ctx, "no-such-model")
	checkErr(t, err, engine.ErrModelNotFound, nil)
	err = b.Delete(ctx, "no-such-model")
	checkErr(t, err, engine.ErrModelNotFound, nil)
	_, err = b.Embed(ctx, "no-such-model", []string{"x"})
	checkErr(t, err, engine.ErrModelNotFound, nil)
}

func TestRealDelete(t *testing.T) {
	srv := ref.Need(t)
	b := realBackend(t)
	ctx := context.Background()
	model, err := ollamatest.StoriesModel()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Create(ctx, "stories-copy", model); err != nil {
		t.Fatal(err)
	}
	if err := b.Delete(ctx, "stories-copy"); err != nil {
		t.Fatal(err)
	}
	models, err := b.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models {
		if strings.HasPrefix(m.Name, "stories-copy") {
			t.Errorf("deleted model still listed: %+v", m)
		}
	}
}

// TestRealServerKilledMidStream starts a server of its own and kills it
// while it streams: the generation must end with ErrBackendDown, not hang.
func TestRealServerKilledMidStream(t *testing.T) {
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
	b, err := ollama.New(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	n := 0
	var last error
	for _, err := range b.Generate(ctx, engine.Request{Model: stories, Prompt: "Once upon a time", Raw: true, Options: engine.Options{MaxTokens: 1_000_000}}) {
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
	checkErr(t, last, engine.ErrBackendDown, []string{srv.URL})
	_, err = b.List(context.Background())
	checkErr(t, err, engine.ErrBackendDown, []string{"Ollama is not running at " + srv.URL})
}

func TestRealEmbed(t *testing.T) {
	b := realBackend(t)
	vecs, err := b.Embed(context.Background(), stories, []string{"Once upon a time", "The cat sat"})
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != 2 || len(vecs[0]) == 0 || len(vecs[0]) != len(vecs[1]) {
		t.Fatalf("vectors of lengths %d", len(vecs))
	}
	if slices.Equal(vecs[0], vecs[1]) {
		t.Error("different texts gave the same vector")
	}
}
