package memory_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/ingest"
)

// scanFor fails if needle appears in any file under the roots.
func scanFor(t *testing.T, needle []byte, roots ...string) {
	t.Helper()
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if bytes.Contains(b, needle) {
				t.Errorf("%s contains %q", path, needle)
			}
			return nil
		})
		must(t, err)
	}
}

// canary is the text fillEvery puts in every sealed value.
const canary = "zebra7canary4quokka"

// fillEvery writes a value into every sealed column of the schema, each
// holding canary: the plaintext-canary and tamper tests run on it, and
// TestSealedColumnsCovered checks it leaves no BLOB column empty. A new
// sealed table gets its write here.
func fillEvery(t *testing.T, s *memory.Store) {
	t.Helper()
	ctx := context.Background()
	c, err := s.CreateConversation(ctx, "title "+canary)
	must(t, err)
	must(t, s.SetTags(ctx, c.ID, []string{"tag" + canary}))
	must(t, s.SetFolder(ctx, c.ID, "folder"+canary))
	m, err := s.AddMessage(ctx, c.ID, 0, memory.Message{Role: "user", Text: "message " + canary,
		ToolCalls: []memory.ToolCall{{Name: "t", Arguments: "args" + canary, Result: "result" + canary}}})
	must(t, err)
	_, err = s.AddMemory(ctx, "memory "+canary, memory.Source{ConversationID: c.ID, MessageID: m.ID})
	must(t, err)
	d, err := s.AddDocument(ctx, "/home/u/"+canary+".pdf")
	must(t, err)
	_, err = s.AddChunk(ctx, d.ID, "chunk "+canary)
	must(t, err)
	fillLibrary(t, s)
	must(t, s.SetSetting(ctx, "setting"+canary, []byte("value"+canary)))
}

// canaryModel is the embedding model fillLibrary's vector claims, with
// the canary in its name (sealed with the vector).
var canaryModel = memory.VectorModel{Name: "model-" + canary, Dim: 4}

// fillLibrary adds a library folder and a file under it, with the canary
// in the folder's path, the file's name and the document's text.
func fillLibrary(t *testing.T, s *memory.Store) {
	t.Helper()
	ctx := context.Background()
	src, err := s.AddSource(ctx, "/home/u/docs-"+canary)
	must(t, err)
	st := memory.FileState{SourceID: src.ID, Path: "/home/u/docs-" + canary + "/" + canary + ".md",
		Size: 42, ModTime: 1, Hash: "hash", Status: ingest.Indexed}
	_, err = s.PutFile(ctx, st, []ingest.Chunk{{Text: "library " + canary, Heading: "heading " + canary, End: 27}})
	must(t, err)
	todo, err := s.ChunksWithoutVectors(ctx, canaryModel, 0, 10)
	must(t, err)
	var vecs []memory.ChunkVector
	for _, c := range todo {
		vecs = append(vecs, memory.ChunkVector{ChunkID: c.ChunkID, Vector: []float32{1, 2, 3, 4}})
	}
	must(t, s.PutVectors(ctx, canaryModel, vecs))
}

func TestPlaintextCanary(t *testing.T) {
	ctx := context.Background()
	home, tmp := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	logf, err := os.Create(filepath.Join(home, "hearth.log"))
	must(t, err)
	defer logf.Close()
	opts := testOpts(memory.WithLogger(slog.New(slog.NewTextHandler(logf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	dir := filepath.Join(home, "data")
	s, _, err := memory.Create(ctx, dir, pass, opts...)
	must(t, err)
	fillEvery(t, s)
	hits, err := s.Search(ctx, canary, 5)
	must(t, err)
	if len(hits) != 2 {
		t.Fatalf("Search found %d, want the message and the memory", len(hits))
	}
	if dh, err := s.SearchDocuments(ctx, canary, 5); err != nil || len(dh) != 2 {
		t.Fatalf("SearchDocuments found %d (%v), want the two chunks", len(dh), err)
	}
	scanFor(t, []byte(canary), home, tmp) // while open: WAL and shared memory too
	must(t, s.Close())
	scanFor(t, []byte(canary), home, tmp)
	requireEveryBlobFilled(t, dir) // so the scan above saw every sealed column

	// A damaged index snapshot makes the store log a warning and rebuild:
	// the log line must not carry text either.
	db := rawDB(t, dir)
	execSQL(t, db, "UPDATE index_segments SET data = x'00'")
	must(t, db.Close())
	s, err = memory.Open(ctx, dir, memory.Passphrase(pass), opts...)
	must(t, err)
	if hits, _ := s.Search(ctx, canary, 5); len(hits) != 2 {
		t.Fatalf("Search after rebuild found %d", len(hits))
	}
	must(t, s.Close())
	if fi, _ := logf.Stat(); fi.Size() == 0 {
		t.Fatal("the rebuild logged nothing: the log-line path was not exercised")
	}
	scanFor(t, []byte(canary), home, tmp)
}

func TestDeleteLeavesNoCiphertext(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := newStore(t)
	c, err := s.CreateConversation(ctx, "to delete")
	must(t, err)
	m, err := s.AddMessage(ctx, c.ID, 0, memory.Message{Role: "user", Text: "delete me entirely"})
	must(t, err)
	keep, err := s.CreateConversation(ctx, "to keep")
	must(t, err)
	_, err = s.AddMessage(ctx, keep.ID, 0, memory.Message{Role: "user", Text: "keep me"})
	must(t, err)
	must(t, s.SaveIndex(ctx))
	db := rawDB(t, dir)
	body := blob(t, db, "SELECT body FROM messages WHERE id = ?", m.ID)
	meta := blob(t, db, "SELECT meta FROM conversations WHERE id = ?", c.ID)
	must(t, db.Close())
	must(t, s.DeleteConversation(ctx, c.ID))
	// Nonce and start of the ciphertext are unique to the deleted rows.
	scanFor(t, body[5:40], dir)
	scanFor(t, meta[5:40], dir)
	must(t, s.Close())
	scanFor(t, body[5:40], dir)
	scanFor(t, meta[5:40], dir)
}
