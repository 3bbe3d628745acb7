package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

// TestPluginServices: what a plugin reaches through the host API, over a
// real store: a memory it writes names it as its source; a search finds
// memories; a notice goes to the window as an event; the command line
// refuses files:pick; Generate answers with the
// default model (the stories model on the real engine) and fails, naming
// it, once that model is gone.
func TestPluginServices(t *testing.T) {
	c, _ := newTestChat(t)
	ctx := context.Background()
	s := c.pluginServices("dev.example.notes").(pluginServices)

	id, err := s.WriteMemory(ctx, "  The plumber comes on Tuesday  ")
	if err != nil || id == "" || id == "0" {
		t.Fatalf("write: %q %v", id, err)
	}
	if _, err := s.WriteMemory(ctx, "   "); err == nil {
		t.Fatal("an empty memory was written")
	}
	var mems []memory.Memory
	if err := c.vault.Use(func(st *memory.Store) (err error) { mems, err = st.Memories(ctx); return err }); err != nil {
		t.Fatal(err)
	}
	if len(mems) != 1 || mems[0].Text != "The plumber comes on Tuesday" || mems[0].Source.Plugin != "dev.example.notes" {
		t.Fatalf("memories: %+v", mems)
	}
	items, err := NewMemoryService(c.vault).List()
	if err != nil || len(items) != 1 || items[0].Source.Plugin != "dev.example.notes" || items[0].Source.ByYou {
		t.Fatalf("the Memory view's source: %+v %v", items, err)
	}

	hits, err := s.SearchMemory(ctx, "plumber", 100)
	if err != nil || len(hits) != 1 || hits[0].Source != "memory" || !strings.Contains(hits[0].Text, "plumber") {
		t.Fatalf("search: %+v %v", hits, err)
	}

	rec := &noticeRecorder{}
	c.events = rec
	if err := s.Notify(ctx, "Done", "The plumber\nis booked."); err != nil {
		t.Fatal(err)
	}
	if want := (pluginNotice{Plugin: "dev.example.notes", Title: "Done", Body: "The plumber\nis booked."}); len(rec.notices) != 1 || rec.notices[0] != want || rec.names[0] != EventPluginNotice {
		t.Fatalf("notices: %+v %v", rec.notices, rec.names)
	}

	cli := pluginServices{id: "dev.example.notes", use: c.vault.Use}
	if _, _, _, err := cli.PickFile(ctx, "A file"); !errors.Is(err, errPickNeedsWindow) || err.Error() != "files:pick needs the window" {
		t.Fatalf("pick on the command line: %v", err)
	}
	if text, err := s.Generate(ctx, "Once upon a time", 8); err != nil || strings.TrimSpace(text) == "" {
		t.Fatalf("generate: %q %v", text, err)
	}
	if _, err := NewModelsService(c.vault, newEventLog(), noDialogs{}).Delete("stories260k"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Generate(ctx, "Say hi.", 10); err == nil || !strings.Contains(err.Error(), "stories260k") {
		t.Fatalf("generate without a model: %v", err)
	}
}

// noticeRecorder keeps the plugin notices sent to the window.
type noticeRecorder struct {
	names   []string
	notices []pluginNotice
}

func (r *noticeRecorder) Emit(name string, data any) {
	if n, ok := data.(pluginNotice); ok {
		r.names, r.notices = append(r.names, name), append(r.notices, n)
	}
}
