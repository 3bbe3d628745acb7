package memory_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

func TestConversationTree(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	c, err := s.CreateConversation(ctx, "Plants")
	must(t, err)
	q, err := s.AddMessage(ctx, c.ID, 0, memory.Message{Role: memory.RoleUser, Text: "how often to water a fern?"})
	must(t, err)
	a1, err := s.AddMessage(ctx, c.ID, q.ID, memory.Message{Role: memory.RoleAssistant, Text: "weekly", Model: "m"})
	must(t, err)
	a2, err := s.AddMessage(ctx, c.ID, q.ID, memory.Message{Role: memory.RoleAssistant, Text: "keep the soil moist",
		ToolCalls: []memory.ToolCall{{Name: "lookup", Arguments: `{"plant":"fern"}`, Result: "moist"}}})
	must(t, err)
	must(t, s.RenameConversation(ctx, c.ID, "Ferns"))
	must(t, s.SetFolder(ctx, c.ID, "Garden"))
	must(t, s.SetTags(ctx, c.ID, []string{"plants", "home"}))
	if _, err := s.AddMessage(ctx, c.ID, 99999, memory.Message{Text: "x"}); !errors.Is(err, memory.ErrNotFound) {
		t.Fatalf("AddMessage with unknown parent: %v", err)
	}
	if _, err := s.AddMessage(ctx, 99999, 0, memory.Message{Text: "x"}); !errors.Is(err, memory.ErrNotFound) {
		t.Fatalf("AddMessage to unknown conversation: %v", err)
	}
	must(t, s.Close())

	s = reopen(t, dir)
	defer s.Close()
	got, err := s.Conversation(ctx, c.ID)
	must(t, err)
	if got.Title != "Ferns" || got.Folder != "Garden" || len(got.Tags) != 2 {
		t.Fatalf("Conversation = %+v", got)
	}
	leaves, err := s.Leaves(ctx, c.ID)
	must(t, err)
	if len(leaves) != 2 || leaves[0] != a1.ID || leaves[1] != a2.ID {
		t.Fatalf("Leaves = %v, want [%d %d]", leaves, a1.ID, a2.ID)
	}
	th, err := s.Thread(ctx, a2.ID)
	must(t, err)
	if len(th) != 2 || th[0].Text != q.Text || th[1].ToolCalls[0].Result != "moist" {
		t.Fatalf("Thread = %+v", th)
	}
	var md, js bytes.Buffer
	must(t, s.ExportMarkdown(ctx, c.ID, 0, &md))
	must(t, s.ExportJSON(ctx, c.ID, &js))
	if !strings.Contains(md.String(), "# Ferns") || !strings.Contains(md.String(), "keep the soil moist") || strings.Contains(md.String(), "weekly") {
		t.Fatalf("Markdown export:\n%s", md.String())
	}
	if !strings.Contains(js.String(), "weekly") || !strings.Contains(js.String(), "keep the soil moist") {
		t.Fatalf("JSON export lacks a branch:\n%s", js.String())
	}
	hits, err := s.Search(ctx, "fern", 10)
	must(t, err)
	if len(hits) != 1 || hits[0].ID != q.ID || hits[0].ConversationID != c.ID {
		t.Fatalf("Search = %+v", hits)
	}
	must(t, s.DeleteConversation(ctx, c.ID))
	if hits, _ := s.Search(ctx, "fern", 10); len(hits) != 0 {
		t.Fatalf("Search after delete = %+v", hits)
	}
	if _, err := s.Message(ctx, q.ID); !errors.Is(err, memory.ErrNotFound) {
		t.Fatalf("Message after delete: %v", err)
	}
}

func TestMemories(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	m1, err := s.AddMemory(ctx, "the user is vegetarian", memory.Source{ConversationID: 3, MessageID: 9})
	must(t, err)
	m2, err := s.AddMemory(ctx, "the user lives in Lyon", memory.Source{})
	must(t, err)
	must(t, s.EditMemory(ctx, m2.ID, "the user lives in Grenoble"))
	must(t, s.Close())
	s = reopen(t, dir)
	defer s.Close()
	for _, tc := range []struct {
		name, q string
		want    []int64
	}{
		{"match", "vegetarian", []int64{m1.ID}},
		{"edited text", "Grenoble", []int64{m2.ID}},
		{"old text gone", "Lyon", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.RelevantMemories(ctx, tc.q, 5)
			must(t, err)
			var ids []int64
			for _, m := range got {
				ids = append(ids, m.ID)
			}
			if len(ids) != len(tc.want) || (len(ids) > 0 && ids[0] != tc.want[0]) {
				t.Fatalf("RelevantMemories(%q) = %v, want %v", tc.q, ids, tc.want)
			}
		})
	}
	all, err := s.Memories(ctx)
	must(t, err)
	if len(all) != 2 || all[0].Source.MessageID != 9 {
		t.Fatalf("Memories = %+v", all)
	}
	must(t, s.ForgetMemory(ctx, m1.ID))
	if err := s.ForgetMemory(ctx, m1.ID); !errors.Is(err, memory.ErrNotFound) {
		t.Fatalf("second forget: %v", err)
	}
	if got, _ := s.RelevantMemories(ctx, "vegetarian", 5); len(got) != 0 {
		t.Fatalf("forgotten memory still found: %+v", got)
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t)
	defer s.Close()
	must(t, s.SetSetting(ctx, "model", []byte("qwen")))
	must(t, s.SetSetting(ctx, "model", []byte("llama")))
	v, err := s.Setting(ctx, "model")
	must(t, err)
	if string(v) != "llama" {
		t.Fatalf("Setting = %q", v)
	}
	must(t, s.DeleteSetting(ctx, "model"))
	if _, err := s.Setting(ctx, "model"); !errors.Is(err, memory.ErrNotFound) {
		t.Fatalf("deleted setting: %v", err)
	}
}

func TestLockUnlock(t *testing.T) {
	ctx := context.Background()
	s, _, rk := newStore(t)
	defer s.Close()
	_, err := s.AddMemory(ctx, "likes tea", memory.Source{})
	must(t, err)
	must(t, s.Lock(ctx))
	if _, err := s.Memories(ctx); !errors.Is(err, memory.ErrLocked) {
		t.Fatalf("Memories while locked: %v", err)
	}
	if _, err := s.Search(ctx, "tea", 5); !errors.Is(err, memory.ErrLocked) {
		t.Fatalf("Search while locked: %v", err)
	}
	if err := s.Unlock(ctx, memory.Passphrase("nope")); !errors.Is(err, memory.ErrWrongPassphrase) {
		t.Fatalf("Unlock wrong: %v", err)
	}
	must(t, s.Unlock(ctx, memory.RecoveryKey(rk)))
	if hits, _ := s.Search(ctx, "tea", 5); len(hits) != 1 {
		t.Fatalf("Search after unlock = %v", hits)
	}
}
