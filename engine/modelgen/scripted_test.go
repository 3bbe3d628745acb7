package modelgen_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/modelgen"
)

func TestScriptedAnswersItsScript(t *testing.T) {
	pieces := []string{"Read ", `<a href="https://evil.example/" style="position:fixed">this</a>`, " then\n\n", "[docs](https://example.com/d)."}
	path := filepath.Join(t.TempDir(), "s.gguf")
	if err := modelgen.WriteScripted(path, modelgen.Scripted{Name: "scripted", Pieces: pieces}); err != nil {
		t.Fatal(err)
	}
	m, err := embedded.Open(path, embedded.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for _, opts := range []engine.Options{{Temperature: 0}, {Temperature: 1, TopP: 1, Seed: 7, RepeatPenalty: 1.3}} {
		req := engine.Request{Messages: []engine.Message{{Role: "user", Content: "Show me a link, é ✓"}}, Options: opts}
		var out strings.Builder
		var stats *engine.Stats
		for c, err := range m.Generate(context.Background(), req) {
			if err != nil {
				t.Fatal(err)
			}
			out.WriteString(c.Text)
			if c.Done {
				stats = c.Stats
			}
		}
		if stats == nil {
			t.Fatal("no final chunk")
		}
		if want := strings.Join(pieces, ""); out.String() != want || stats.StopReason != embedded.StopEOS {
			t.Fatalf("answer %q (stop %v), want %q ended by EOS", out.String(), stats.StopReason, want)
		}
	}
}

func TestScriptedRefusesBadPieces(t *testing.T) {
	for _, pieces := range [][]string{nil, {"a", "a"}, {"a", ""}, {"<s>"}} {
		if err := modelgen.WriteScripted(filepath.Join(t.TempDir(), "x.gguf"), modelgen.Scripted{Pieces: pieces}); err == nil {
			t.Errorf("pieces %q accepted", pieces)
		}
	}
}

func TestScriptedLoopNeverEnds(t *testing.T) {
	pieces := []string{"Once", " more"}
	path := filepath.Join(t.TempDir(), "loop.gguf")
	if err := modelgen.WriteScripted(path, modelgen.Scripted{Name: "loop", Pieces: pieces, Loop: true}); err != nil {
		t.Fatal(err)
	}
	m, err := embedded.Open(path, embedded.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	req := engine.Request{Messages: []engine.Message{{Role: "user", Content: "go on"}}, Options: engine.Options{MaxTokens: 7}}
	var out strings.Builder
	var stats *engine.Stats
	for c, err := range m.Generate(context.Background(), req) {
		if err != nil {
			t.Fatal(err)
		}
		out.WriteString(c.Text)
		if c.Done {
			stats = c.Stats
		}
	}
	if want := strings.Repeat("Once more", 3) + "Once"; out.String() != want || stats == nil || stats.StopReason != embedded.StopLength {
		t.Fatalf("answer %q (stats %+v), want %q cut by the length limit", out.String(), stats, want)
	}
}
