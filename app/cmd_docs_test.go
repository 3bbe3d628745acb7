package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/app"
)

// runIn executes the CLI in-process with stdin.
func runIn(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	asNewProcess(func() {
		code = app.Run(context.Background(), args, app.IO{In: strings.NewReader(stdin), Out: &out, Err: &errb})
	})
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, args...)
	if code != 0 {
		t.Fatalf("hearth %v: exit %d: %s", args, code, errOut)
	}
	return out
}

// docsCanary is written into a file name and a document's text; it must
// never appear in plaintext under HEARTH_HOME.
const docsCanary = "narwhal5canary8axolotl"

func writeDoc(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

type jsonHit struct {
	Path     string  `json:"path"`
	Score    float64 `json:"score"`
	Snippet  string  `json:"snippet"`
	Location *struct {
		Page    int    `json:"page"`
		Heading string `json:"heading"`
		Start   *int   `json:"start"`
		End     *int   `json:"end"`
	} `json:"location"`
}

func TestDocsCommands(t *testing.T) {
	home := t.TempDir()
	setHome(t, home)
	lib := t.TempDir()
	named := filepath.Join(lib, "notes-"+docsCanary+".md")
	writeDoc(t, named, "# Birds\n\n## Seabirds\n\nPuffins nest in burrows on cliffs. "+docsCanary+"\n")
	writeDoc(t, filepath.Join(lib, "sub/otters.txt"), "Sea otters use stones to crack shells.")
	writeDoc(t, filepath.Join(lib, "fake.md"), "text\x00\x00binary")            // skipped: not text
	writeDoc(t, filepath.Join(lib, "broken.pdf"), "%PDF-1.4 and nothing after") // failed: a damaged PDF

	out := mustRun(t, "docs", "add", lib)
	if !strings.Contains(out, "4 files read") || !strings.Contains(out, "Searchable now") {
		t.Fatalf("docs add printed %q", out)
	}
	if out := mustRun(t, "docs", "add", lib); !strings.Contains(out, "0 files read, 4 unchanged") {
		t.Fatalf("second docs add printed %q", out)
	}

	var hits []jsonHit
	if err := json.Unmarshal([]byte(mustRun(t, "docs", "search", "--json", "--k", "3", "puffin burrow")), &hits); err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Path != named || hits[0].Score <= 0 || !strings.Contains(hits[0].Snippet, "Puffins") ||
		hits[0].Location == nil || hits[0].Location.Heading != "Birds > Seabirds" || hits[0].Location.Start == nil || hits[0].Location.End == nil {
		t.Fatalf("docs search --json = %+v", hits)
	}

	code, out, errOut := runIn(t, "puffins\notters stones\nnothing-matches-this\n", "docs", "search", "--stdin", "--k", "2")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !strings.Contains(lines[1], "otters.txt") || lines[2] != "[]" {
		t.Fatalf("docs search --stdin: exit %d, %q, %s", code, out, errOut)
	}

	var status []struct {
		Path     string         `json:"path"`
		Files    int            `json:"files"`
		ByStatus map[string]int `json:"by_status"`
		Problems []struct {
			Path, Status, Reason string
		} `json:"problems"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "docs", "status", "--json")), &status); err != nil {
		t.Fatal(err)
	}
	if len(status) != 1 || status[0].Files != 4 || status[0].ByStatus["indexed"] != 2 || status[0].ByStatus["skipped"] != 1 ||
		len(status[0].Problems) != 1 || !strings.HasSuffix(status[0].Problems[0].Path, "broken.pdf") || status[0].Problems[0].Reason == "" {
		t.Fatalf("docs status --json = %+v", status)
	}
	if out := mustRun(t, "docs", "status"); !strings.Contains(out, "failed") || !strings.Contains(out, "broken.pdf: The PDF is damaged") {
		t.Fatalf("docs status printed %q", out)
	}

	out = mustRun(t, "ask", "where do puffins nest?")
	if !strings.Contains(out, "No model is installed") || !strings.Contains(out, "[1] "+named+" § Birds > Seabirds") {
		t.Fatalf("ask without a model printed %q", out)
	}

	scanForText(t, docsCanary, home)

	expectFailure(t, []string{"docs", "add", filepath.Join(lib, "sub")}, 2, "already in the library")
	expectFailure(t, []string{"docs", "add", filepath.Dir(lib)}, 2, "already in the library")
	expectFailure(t, []string{"docs", "search", "--k", "100000", "puffins"}, 2, "--k must be between 1 and 1000")

	if out := mustRun(t, "docs", "rm", lib); !strings.Contains(out, "Removed") {
		t.Fatalf("docs rm printed %q", out)
	}
	if out := mustRun(t, "docs", "search", "--json", "puffins"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("search after docs rm = %q", out)
	}
	expectFailure(t, []string{"docs", "rm", lib}, 1, "not in the library")
	expectFailure(t, []string{"docs", "add", filepath.Join(lib, "missing")}, 2, "cannot be read")
	expectFailure(t, []string{"docs", "search"}, 2, "QUERY or --stdin")
}

// scanForText fails if text appears in any file under root.
func scanForText(t *testing.T, text, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(text)) {
			t.Errorf("%s holds %q in plaintext", path, text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAskReachesModel runs ask with a real (tiny) model on the embedded
// engine. stories260K's context holds 128 tokens, less than the sources
// prompt, so the test checks the whole path up to generation: the model
// is resolved, the prompt built with the sources, and the engine's
// refusal comes back as one sentence. (No model with a larger context is
// in the test data; a successful answer is left to a manual check.)
func TestAskReachesModel(t *testing.T) {
	model := filepath.Join(testData(t), "models", "stories260K.gguf")
	setHome(t, t.TempDir())
	lib := t.TempDir()
	writeDoc(t, filepath.Join(lib, "pets.md"), "# Pets\n\nThe little dog likes to play in the park.\n")
	mustRun(t, "docs", "add", lib)
	expectFailure(t, []string{"ask", "--model", model, "--temperature", "0", "--max-tokens", "20", "where does the little dog play?"},
		1, "does not fit in the model's context window")
}
