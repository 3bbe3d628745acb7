package app_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
	"github.com/hearth-app/hearth/engine/quant"
)

// testEmbeddingModel writes a generated nomic-bert embedding model (random
// weights, the real WordPiece vocabulary) and returns its path.
func testEmbeddingModel(t *testing.T) string {
	t.Helper()
	stories, err := ollamatest.StoriesModel()
	if err != nil {
		t.Skip(err)
	}
	vocab := filepath.Join(filepath.Dir(stories), "..", "vocab", "ggml-vocab-bert-bge.gguf")
	path := filepath.Join(t.TempDir(), "nomic-embed-test.gguf")
	if err := modelgen.Write(path, modelgen.Spec{Arch: "nomic-bert", Dim: 64, Layers: 1, Heads: 2, FFN: 128, Context: 512,
		Type: quant.F32, Seed: 3, Vocab: vocab}); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDocsHybrid runs the CLI's semantic path with the real engine on a
// generated model: docs add embeds every chunk after the keyword sync,
// a rerun embeds none, and docs search --model returns fused results;
// without a model the same library is searched by keyword.
func TestDocsHybrid(t *testing.T) {
	setHome(t, t.TempDir())
	lib := t.TempDir()
	writeDoc(t, filepath.Join(lib, "birds.md"), "# Birds\n\nPuffins nest in burrows on cliffs.\n")
	writeDoc(t, filepath.Join(lib, "otters.txt"), "Sea otters use stones to crack shells.")
	writeDoc(t, filepath.Join(lib, "tea.txt"), "Green tea is steamed, black tea is oxidised.")
	model := testEmbeddingModel(t)

	out := mustRun(t, "docs", "add", lib)
	if !strings.Contains(out, "Search is by keyword") {
		t.Fatalf("docs add without a model printed %q", out)
	}
	if out := mustRun(t, "docs", "status"); !strings.Contains(out, "Semantic index: none") {
		t.Fatalf("docs status without a model printed %q", out)
	}
	if out := mustRun(t, "docs", "add", "--model", model, lib); !strings.Contains(out, "Semantic index: 3 chunks embedded") {
		t.Fatalf("docs add --model printed %q", out)
	}
	if out := mustRun(t, "docs", "add", "--model", model, lib); !strings.Contains(out, "Semantic index: 0 chunks embedded") {
		t.Fatalf("a second docs add --model printed %q", out)
	}

	var hybrid, keyword []jsonHit
	if err := json.Unmarshal([]byte(mustRun(t, "docs", "search", "--model", model, "--json", "--k", "3", "puffin burrows")), &hybrid); err != nil {
		t.Fatal(err)
	}
	// The vector list ranks all three chunks: fused, every chunk comes
	// back, the keyword match first (rank 1 in BM25, some rank by vector).
	if len(hybrid) != 3 || !strings.HasSuffix(hybrid[0].Path, "birds.md") {
		t.Fatalf("hybrid docs search = %+v", hybrid)
	}
	if err := json.Unmarshal([]byte(mustRun(t, "docs", "search", "--json", "--k", "3", "puffin burrows")), &keyword); err != nil {
		t.Fatal(err)
	}
	if len(keyword) != 1 || !strings.HasSuffix(keyword[0].Path, "birds.md") {
		t.Fatalf("keyword docs search = %+v", keyword)
	}
}
