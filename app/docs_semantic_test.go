package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
	"github.com/hearth-app/hearth/memory"
)

// TestEmbeddingYieldsToChat runs the window's embedding pass while a real
// chat answer (stories260K) is being generated: the answer is held at its
// first token, and the pass must embed nothing until it ends, say it is
// paused, then finish the library.
func TestEmbeddingYieldsToChat(t *testing.T) {
	chat, chatEv := newTestChat(t)
	importEmbeddingModel(t, chat.vault, chatEv)
	ev := newEventLog()
	docs := NewDocumentsService(chat.vault, ev, noDialogs{})
	docs.yieldTo(chat)
	t.Cleanup(docs.close)
	lib := t.TempDir()
	for i := range 80 {
		must(t, os.WriteFile(filepath.Join(lib, fmt.Sprintf("n%02d.md", i)), []byte(fmt.Sprintf("# Note %d\n\nA note about kettles and tea, number %d.", i, i)), 0o644))
	}

	held, release := make(chan struct{}), make(chan struct{})
	first := true
	chatEv.onDelta = func(chatDelta) { // runs in the generating goroutine: the answer waits here
		if first {
			first = false
			close(held)
			<-release
		}
	}
	c, err := chat.Create("")
	must(t, err)
	must(t, chat.SetOptions(c.ID, ChatOptions{Model: "stories260k", Temperature: 0.8, TopP: 0.95, MaxTokens: 64}))
	res, err := chat.Send(c.ID, 0, "Once upon a time")
	must(t, err)
	<-held
	if !chat.generating.running() {
		t.Fatal("a chat answer is being generated, but generating says none")
	}

	must(t, docs.addFolder(lib))
	ev.next(t, EventDocsProgress)
	for {
		p := ev.next(t, EventDocsSemantic).data.(DocsSemantic)
		if p.Embedded != 0 {
			t.Fatalf("the pass embedded %d chunks while an answer was being generated", p.Embedded)
		}
		if p.Paused {
			if p.Chunks != 80 || p.Percent != 0 {
				t.Fatalf("paused at %+v, want 0 of 80 chunks", p)
			}
			break
		}
	}
	if cov := coverage(t, chat.vault); cov.Embedded != 0 {
		t.Fatalf("coverage while paused = %+v, want nothing embedded", cov)
	}

	close(release)
	chatEv.wait(t, res.RequestID)
	done := ev.next(t, EventDocsDone, EventDocsError)
	if _, ok := done.data.(DocsDone); !ok {
		t.Fatalf("indexing ended with %+v", done)
	}
	if cov := coverage(t, chat.vault); cov.Embedded != 80 || cov.Chunks != 80 {
		t.Fatalf("coverage after the answer = %+v, want all 80 chunks embedded", cov)
	}
}

// importEmbeddingModel adds a generated nomic-bert model (random weights,
// real shapes) to the vault's model library.
func importEmbeddingModel(t *testing.T, v *Vault, ev Events) {
	t.Helper()
	vocab := filepath.Join(filepath.Dir(storiesModel(t)), "..", "vocab", "ggml-vocab-bert-bge.gguf")
	path := filepath.Join(t.TempDir(), "nomic-embed-test.gguf")
	if err := modelgen.Write(path, modelgen.Spec{Arch: "nomic-bert", Dim: 64, Layers: 1, Heads: 2, FFN: 128, Context: 64,
		Type: quant.F32, Seed: 2, Vocab: vocab}); err != nil {
		t.Fatal(err)
	}
	if _, err := NewModelsService(v, ev, noDialogs{}).Import(path); err != nil {
		t.Fatal(err)
	}
}

// coverage is the library's coverage by the vault's embedding model.
func coverage(t *testing.T, v *Vault) memory.VectorCoverage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var cov memory.VectorCoverage
	must(t, v.Use(func(st *memory.Store) error {
		m, err := v.embedder.Model(ctx)
		if err != nil {
			return err
		}
		cov, err = st.VectorCoverage(ctx, m)
		return err
	}))
	return cov
}

func TestGenerations(t *testing.T) {
	g := newGenerations()
	must(t, g.waitIdle(context.Background()))
	endA, endB := g.begin(), g.begin()
	endA()
	endA() // a second call does nothing
	if !g.running() {
		t.Fatal("one of two answers ended; generations says none runs")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := g.waitIdle(ctx); err != context.Canceled {
		t.Fatalf("waitIdle with an answer running and ctx done = %v", err)
	}
	waited := make(chan error)
	go func() { waited <- g.waitIdle(context.Background()) }()
	endB()
	if err := <-waited; err != nil || g.running() {
		t.Fatalf("after the last answer: waitIdle %v, running %v", err, g.running())
	}
}
