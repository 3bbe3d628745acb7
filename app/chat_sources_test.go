package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
)

// openRecorder is the native dialogs, recording the documents opened.
type openRecorder struct {
	noDialogs
	opened []string
}

func (r *openRecorder) OpenDocument(path string, page int) error {
	r.opened = append(r.opened, path)
	return nil
}

// syncLibrary adds lib to the library (once) and indexes it.
func syncLibrary(t *testing.T, s *ChatService, lib string) {
	t.Helper()
	ctx := context.Background()
	must(t, s.vault.Use(func(st *memory.Store) error {
		src, err := st.SourceByPath(ctx, lib)
		if errors.Is(err, memory.ErrNotFound) {
			src, err = st.AddSource(ctx, lib)
		}
		if err != nil {
			return err
		}
		_, err = (&docsync.Syncer{Store: st}).Sync(ctx, src)
		return err
	}))
}

func TestChatCitations(t *testing.T) {
	s, ev := newTestChat(t)
	rec := &openRecorder{}
	s.dialogs = rec
	if o, err := s.Options(0); err != nil || o.Documents {
		t.Fatalf("documents on with an empty library: %+v %v", o, err)
	}
	lib := t.TempDir()
	pebble := filepath.Join(lib, "pebble.md")
	must(t, os.WriteFile(pebble, []byte("# Garden\n\nThe pebble in the garden is blue."), 0o644))
	must(t, os.WriteFile(filepath.Join(lib, "other.md"), []byte("Tea is brewed with hot water."), 0o644))
	syncLibrary(t, s, lib)
	if o, _ := s.Options(0); !o.Documents {
		t.Fatal("documents off although the library has a folder")
	}

	t.Run("the prompt numbers the passages found", func(t *testing.T) {
		must(t, s.vault.Use(func(st *memory.Store) error {
			c, err := st.CreateConversation(context.Background(), "t")
			must(t, err)
			m, err := st.AddMessage(context.Background(), c.ID, 0, memory.Message{Role: memory.RoleUser, Text: "What colour is the pebble?"})
			must(t, err)
			job, err := prepareAnswer(context.Background(), st, c.ID, m.ID)
			must(t, err)
			sys := systemPrompt("Be brief.", nil, job.sources)
			if !strings.HasPrefix(sys, "Be brief.\n\n"+chatSourcesSystem) || !strings.Contains(sys, "[1] ("+pebble) ||
				!strings.Contains(sys, "The pebble in the garden is blue.") || strings.Contains(sys, "\n[2] (") {
				t.Fatalf("system prompt = %q", sys)
			}
			return nil
		}))
	})

	t.Run("a base model, which is given no sources, cites none", func(t *testing.T) {
		again := ev.answered(t)(s.Send(0, 0, "What colour is the pebble?"))
		if len(again.Message.Sources) != 0 {
			t.Fatalf("sources of a base model's answer = %+v", again.Message.Sources)
		}
	})

	// A chat model whose greedy answer is scripted, through the real engine.
	citer := filepath.Join(t.TempDir(), "citer.gguf")
	must(t, modelgen.WriteScripted(citer, modelgen.Scripted{Name: "citer", Pieces: []string{"The ", "pebble ", "is ", "blue ", "[1]."}}))
	if _, err := NewModelsService(s.vault, ev, noDialogs{}).Import(citer); err != nil {
		t.Fatal(err)
	}
	must(t, s.vault.Use(func(st *memory.Store) error {
		return st.SetSetting(context.Background(), defaultModelSetting, []byte(`"citer"`))
	}))
	res, err := s.Send(0, 0, "What colour is the pebble?")
	done := ev.answered(t)(res, err)
	if done.Message.Text != "The pebble is blue [1]." {
		t.Fatalf("answer = %q", done.Message.Text)
	}
	src := done.Message.Sources
	if len(src) != 1 || src[0].N != 1 || src[0].Path != pebble || src[0].State != citationOK || src[0].Location.Heading != "Garden" {
		t.Fatalf("sources = %+v", src)
	}
	th, err := s.Thread(res.ConversationID, 0)
	must(t, err)
	if got := th.Messages[len(th.Messages)-1].Sources; len(got) != 1 || got[0].ChunkID != src[0].ChunkID {
		t.Fatalf("thread sources = %+v", got)
	}

	t.Run("a source opens, by its number only", func(t *testing.T) {
		must(t, s.OpenSource(done.Message.ID, 1))
		if len(rec.opened) != 1 || rec.opened[0] != pebble {
			t.Fatalf("opened %v", rec.opened)
		}
		if err := s.OpenSource(done.Message.ID, 2); err == nil || !strings.Contains(err.Error(), "no source [2]") {
			t.Fatalf("source 2: %v", err)
		}
		if err := s.OpenSource(res.UserMessage.ID, 1); err == nil {
			t.Fatal("a user message's source opened")
		}
	})
	t.Run("a changed file is not opened, and its citation points nowhere", func(t *testing.T) {
		must(t, os.WriteFile(pebble, []byte("# Garden\n\nThe pebble was moved."), 0o644))
		if err := s.OpenSource(done.Message.ID, 1); !errors.Is(err, errSourceGone) {
			t.Fatalf("open after the change, before a sync: %v", err)
		}
		syncLibrary(t, s, lib)
		th, err := s.Thread(res.ConversationID, 0)
		must(t, err)
		if got := th.Messages[len(th.Messages)-1].Sources; len(got) != 1 || got[0].State == citationOK {
			t.Fatalf("sources after the change = %+v", got)
		}
		if err := s.OpenSource(done.Message.ID, 1); !errors.Is(err, errSourceGone) {
			t.Fatalf("open after the sync: %v", err)
		}
		if len(rec.opened) != 1 {
			t.Fatalf("opened %v", rec.opened)
		}
	})
	t.Run("with documents off, no sources", func(t *testing.T) {
		o, _ := s.Options(res.ConversationID)
		o.Documents = false
		must(t, s.SetOptions(res.ConversationID, o))
		again := ev.answered(t)(s.Send(res.ConversationID, done.Message.ID, "And the tea?"))
		if len(again.Message.Sources) != 0 {
			t.Fatalf("sources with documents off = %+v", again.Message.Sources)
		}
	})
}
