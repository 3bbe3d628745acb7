package embedded_test

import (
	"context"
	"iter"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
)

func storiesPath() string {
	return filepath.Join(llamaref.TestData(), "models", "stories260K.gguf")
}

func openStories(t *testing.T) *embedded.Model {
	t.Helper()
	m, err := embedded.Open(storiesPath(), embedded.Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// result is a whole streamed answer.
type result struct {
	text   string
	chunks []string
	stats  *engine.Stats
	err    error
	done   int // chunks with Done set
}

// generator is what *embedded.Model and *embedded.Backend have in common.
type generator interface {
	Generate(context.Context, engine.Request) iter.Seq2[engine.Chunk, error]
}

// run collects a whole answer.
func run(ctx context.Context, g generator, req engine.Request) result {
	var r result
	var b strings.Builder
	for c, err := range g.Generate(ctx, req) {
		if c.Text != "" {
			b.WriteString(c.Text)
			r.chunks = append(r.chunks, c.Text)
		}
		if c.Done {
			r.done++
			r.stats = c.Stats
		}
		if err != nil {
			r.err = err
		}
	}
	r.text = b.String()
	return r
}

func raw(prompt string, opts engine.Options) engine.Request {
	return engine.Request{Prompt: prompt, Raw: true, Options: opts}
}
