package memory_test

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/ingest"
)

var freeze = flag.Bool("freeze", false, "write testdata/vN for the current schema version N if it does not exist yet")

// frozenPass unlocks every frozen store. Each testdata/vN was written by
// schema vN with production Argon2id parameters and stands for the
// users' stores of that version: every later version must open and
// decrypt it, so it is never rewritten.
const frozenPass = "hearth frozen v1 \u00e9t\u00e9"

// frozenDir is where the frozen store of schema version v lives.
func frozenDir(v int) string { return fmt.Sprintf("testdata/v%d", v) }

// TestFreezeSchema writes the frozen store of the current schema version
// when run with -freeze, after a migration is added and SchemaVersion
// bumped:
//
//	go test ./memory -run TestFreezeSchema -freeze
//
// It refuses to overwrite an existing version. Extend fillFrozen and
// checkFrozen with the new version's features first.
func TestFreezeSchema(t *testing.T) {
	if !*freeze {
		t.Skip("run with -freeze to write the frozen store of a new schema version")
	}
	dir := frozenDir(memory.SchemaVersion)
	if _, err := os.Stat(dir); err == nil {
		t.Fatalf("%s exists: a frozen store is never rewritten", dir)
	}
	ctx := context.Background()
	tmp := t.TempDir()
	s, rk, err := memory.CreateAt(ctx, tmp, frozenPass, memory.SchemaVersion)
	must(t, err)
	fillFrozenAt(t, s, memory.SchemaVersion)
	must(t, s.Close())
	must(t, os.MkdirAll(dir, 0o755))
	copyFile(t, filepath.Join(tmp, "hearth.db"), filepath.Join(dir, "hearth.db"))
	must(t, os.WriteFile(filepath.Join(dir, "recovery-key.txt"), []byte(rk+"\n"), 0o644))
}

// fillFrozen writes the contents of a v1 store (conversations,
// messages, a memory and a setting); other tests build on it.
func fillFrozen(t *testing.T, s *memory.Store) { fillFrozenAt(t, s, 1) }

// fillFrozenAt writes the contents of a store of schema version v: what
// that version can hold.
func fillFrozenAt(t *testing.T, s *memory.Store, v int) {
	t.Helper()
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
	if v >= 2 {
		d, err := s.AddDocument(ctx, "/notes/ice.md")
		must(t, err)
		_, err = s.AddChunk(ctx, d.ID, "Ice flows downhill.")
		must(t, err)
	}
	if v >= 3 {
		src, err := s.AddSource(ctx, "/library")
		must(t, err)
		_, err = s.PutFile(ctx, memory.FileState{SourceID: src.ID, Path: "/library/fjord.md", Size: 30, ModTime: 1700000000000000000,
			Hash: "abc", Status: ingest.Indexed}, []ingest.Chunk{{Text: "A fjord is a drowned valley.", Page: 2, Heading: "Coasts", Start: 5, End: 33}})
		must(t, err)
	}
	if v >= 4 {
		fillFrozenVectors(t, s)
	}
}

// frozenEmbed is the embedding model of the frozen v4 vectors.
var frozenEmbed = memory.VectorModel{Name: "frozen-embed", Dim: 3}

// fillFrozenVectors gives the fjord chunk a vector of frozenEmbed.
func fillFrozenVectors(t *testing.T, s *memory.Store) {
	t.Helper()
	ctx := context.Background()
	todo, err := s.ChunksWithoutVectors(ctx, frozenEmbed, 0, 10)
	must(t, err)
	for _, c := range todo {
		if strings.Contains(c.Text, "fjord") {
			must(t, s.PutVectors(ctx, frozenEmbed, []memory.ChunkVector{{ChunkID: c.ChunkID, Vector: []float32{0, 1, 0}}}))
		}
	}
}

// checkFrozenVectors checks the schema v4 contents of fillFrozenAt: the
// fjord chunk's vector, found by a query vector near it.
func checkFrozenVectors(t *testing.T, s *memory.Store) {
	t.Helper()
	ctx := context.Background()
	cov, err := s.VectorCoverage(ctx, frozenEmbed)
	must(t, err)
	if cov != (memory.VectorCoverage{Chunks: 2, Embedded: 1}) {
		t.Fatalf("coverage = %+v", cov)
	}
	hits, err := s.VectorChunks(ctx, frozenEmbed, []float32{0.1, 1, 0}, 5)
	must(t, err)
	if len(hits) != 1 || hits[0].Score < 0.99 {
		t.Fatalf("vector search = %+v", hits)
	}
}

func openFrozen(t *testing.T, v int, u memory.Unlocker) *memory.Store {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, filepath.Join(frozenDir(v), "hearth.db"), filepath.Join(dir, "hearth.db"))
	var logs logBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := memory.Open(context.Background(), dir, u, memory.WithLogger(log)) // production floor
	if err != nil {
		t.Fatalf("open frozen v%d store: %v", v, err)
	}
	if !strings.Contains(logs.String(), "rebuilt=false") {
		t.Fatalf("the v%d index snapshot was not used:\n%s", v, logs.String())
	}
	return s
}

// TestFrozenStoresOpen opens the frozen store of every schema version
// up to SchemaVersion, with the passphrase and with the recovery key.
func TestFrozenStoresOpen(t *testing.T) {
	for v := 1; v <= memory.SchemaVersion; v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			rk, err := os.ReadFile(filepath.Join(frozenDir(v), "recovery-key.txt"))
			if err != nil {
				t.Fatalf("no frozen store of schema v%d (freeze it: go test ./memory -run TestFreezeSchema -freeze): %v", v, err)
			}
			for _, tc := range []struct {
				name string
				u    memory.Unlocker
			}{
				{"passphrase", memory.Passphrase(frozenPass)},
				{"recovery key", memory.RecoveryKey(strings.TrimSpace(string(rk)))},
			} {
				t.Run(tc.name, func(t *testing.T) {
					s := openFrozen(t, v, tc.u)
					defer s.Close()
					checkFrozenAt(t, s, v)
				})
			}
		})
	}
}

// checkFrozen checks what fillFrozen wrote.
func checkFrozen(t *testing.T, s *memory.Store) { checkFrozenAt(t, s, 1) }

// checkFrozenAt checks what fillFrozenAt wrote for version v, then that
// the migrated store takes the features of the current version.
func checkFrozenAt(t *testing.T, s *memory.Store, v int) {
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
	theme, err := s.Setting(ctx, "theme")
	if err != nil || string(theme) != "dark" {
		t.Fatalf("setting = %q, %v", theme, err)
	}
	if v >= 2 {
		checkFrozenDocuments(t, s, v)
	}
	if v >= 3 {
		checkFrozenLibrary(t, s)
	}
	if v >= 4 {
		checkFrozenVectors(t, s)
	}
	d, err := s.AddDocument(ctx, "/notes.md")
	must(t, err)
	c, err := s.AddChunk(ctx, d.ID, "chunk")
	must(t, err)
	must(t, s.PutVectors(ctx, frozenEmbed, []memory.ChunkVector{{ChunkID: c, Vector: []float32{1, 0, 0}}}))
}

// checkFrozenDocuments checks the schema v2 contents of fillFrozenAt
// (from v3 on, the library file adds a second document).
func checkFrozenDocuments(t *testing.T, s *memory.Store, v int) {
	t.Helper()
	ctx := context.Background()
	docs, err := s.Documents(ctx)
	must(t, err)
	want := 1
	if v >= 3 {
		want = 2
	}
	if len(docs) != want || docs[0].Path != "/notes/ice.md" {
		t.Fatalf("documents = %+v", docs)
	}
	chunks, err := s.Chunks(ctx, docs[0].ID)
	must(t, err)
	if len(chunks) != 1 || chunks[0] != "Ice flows downhill." {
		t.Fatalf("chunks = %q", chunks)
	}
}

// checkFrozenLibrary checks the schema v3 contents of fillFrozenAt.
func checkFrozenLibrary(t *testing.T, s *memory.Store) {
	t.Helper()
	ctx := context.Background()
	src, err := s.SourceByPath(ctx, "/library")
	must(t, err)
	files, err := s.FileStates(ctx, src.ID)
	must(t, err)
	if len(files) != 1 || files[0].Path != "/library/fjord.md" || files[0].Hash != "abc" || files[0].Chunks != 1 {
		t.Fatalf("files = %+v", files)
	}
	hits, err := s.SearchDocuments(ctx, "fjords", 5)
	must(t, err)
	if len(hits) != 1 || hits[0].Location != (memory.Location{Page: 2, Heading: "Coasts", Start: 5, End: 33}) {
		t.Fatalf("document search = %+v", hits)
	}
}

func TestMigrationsFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	for v := 1; v < memory.SchemaVersion; v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			dir := t.TempDir()
			s, _, err := memory.CreateAt(ctx, dir, pass, v, testOpts()...)
			must(t, err)
			fillFrozenAt(t, s, v)
			must(t, s.Close())
			s = reopen(t, dir)
			defer s.Close()
			checkFrozenAt(t, s, v)
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
