package memory_test

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

var update = flag.Bool("update", false, "regenerate the frozen stores under testdata/")

// The frozen v1 store was written by schema v1 with production Argon2id
// parameters; every later version must open and decrypt it.
const (
	frozenPass = "hearth frozen v1 \u00e9t\u00e9"
	frozenDir  = "testdata/v1"
)

// TestGenerateFrozenV1 rewrites testdata/v1 when run with -update. Never
// regenerate it after release: it stands for the users' existing stores.
func TestGenerateFrozenV1(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate testdata/v1")
	}
	ctx := context.Background()
	tmp := t.TempDir()
	s, rk, err := memory.CreateAt(ctx, tmp, frozenPass, 1)
	must(t, err)
	fillFrozen(t, s)
	must(t, s.Close())
	must(t, os.RemoveAll(frozenDir))
	must(t, os.MkdirAll(frozenDir, 0o755))
	copyFile(t, filepath.Join(tmp, "hearth.db"), filepath.Join(frozenDir, "hearth.db"))
	must(t, os.WriteFile(filepath.Join(frozenDir, "recovery-key.txt"), []byte(rk+"\n"), 0o644))
}

func fillFrozen(t *testing.T, s *memory.Store) {
	ctx := context.Background()
	c, err := s.CreateConversation(ctx, "Frozen conversation")
	must(t, err)
	must(t, s.SetTags(ctx, c.ID, []string{"frozen"}))
	q, err := s.AddMessage(ctx, c.ID, 0, memory.Message{Role: memory.RoleUser, Text: "What is a glacier?"})
	must(t, err)
	_, err = s.AddMessage(ctx, c.ID, q.ID, memory.Message{Role: memory.RoleAssistant, Text: "A glacier is a slow river of ice.", Model: "frozen-model"})
	must(t, err)
	_, err = s.AddMessage(ctx, c.ID, q.ID, memory.Message{Role: memory.RoleAssistant, Text: "Ice that flows under its own weight."})
	must(t, err)
	_, err = s.AddMemory(ctx, "the user likes every glacier", memory.Source{ConversationID: c.ID, MessageID: q.ID})
	must(t, err)
	must(t, s.SetSetting(ctx, "theme", []byte("dark")))
}

func openFrozen(t *testing.T, u memory.Unlocker) *memory.Store {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, filepath.Join(frozenDir, "hearth.db"), filepath.Join(dir, "hearth.db"))
	var logs logBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := memory.Open(context.Background(), dir, u, memory.WithLogger(log)) // production floor
	if err != nil {
		t.Fatalf("open frozen v1 store: %v", err)
	}
	if !strings.Contains(logs.String(), "rebuilt=false") {
		t.Fatalf("the v1 index snapshot was not used:\n%s", logs.String())
	}
	return s
}

func TestFrozenV1Opens(t *testing.T) {
	rk, err := os.ReadFile(filepath.Join(frozenDir, "recovery-key.txt"))
	must(t, err)
	for _, tc := range []struct {
		name string
		u    memory.Unlocker
	}{
		{"passphrase", memory.Passphrase(frozenPass)},
		{"recovery key", memory.RecoveryKey(strings.TrimSpace(string(rk)))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openFrozen(t, tc.u)
			defer s.Close()
			checkFrozen(t, s)
		})
	}
}

func checkFrozen(t *testing.T, s *memory.Store) {
	t.Helper()
	ctx := context.Background()
	convs, err := s.Conversations(ctx)
	must(t, err)
	if len(convs) != 1 || convs[0].Title != "Frozen conversation" || convs[0].Tags[0] != "frozen" {
		t.Fatalf("conversations = %+v", convs)
	}
	msgs, err := s.Messages(ctx, convs[0].ID)
	must(t, err)
	if len(msgs) != 3 || msgs[1].Model != "frozen-model" || msgs[2].ParentID != msgs[0].ID {
		t.Fatalf("messages = %+v", msgs)
	}
	hits, err := s.Search(ctx, "glacier", 10)
	must(t, err)
	if len(hits) != 3 { // question, first answer, memory
		t.Fatalf("search = %+v", hits)
	}
	v, err := s.Setting(ctx, "theme")
	if err != nil || string(v) != "dark" {
		t.Fatalf("setting = %q, %v", v, err)
	}
	// The migrated store takes features of later versions.
	d, err := s.AddDocument(ctx, "/notes.md")
	must(t, err)
	_, err = s.AddChunk(ctx, d.ID, "chunk")
	must(t, err)
}

func TestMigrationsFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	for v := 1; v < memory.SchemaVersion; v++ {
		t.Run("v"+string(rune('0'+v)), func(t *testing.T) {
			dir := t.TempDir()
			s, _, err := memory.CreateAt(ctx, dir, pass, v, testOpts()...)
			must(t, err)
			fillFrozen(t, s)
			must(t, s.Close())
			s = reopen(t, dir)
			defer s.Close()
			checkFrozen(t, s)
			db := rawDB(t, dir)
			defer db.Close()
			var got int
			must(t, db.QueryRow("PRAGMA user_version").Scan(&got))
			if got != memory.SchemaVersion {
				t.Fatalf("user_version = %d, want %d", got, memory.SchemaVersion)
			}
		})
	}
}
