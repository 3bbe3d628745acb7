package scifact_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory/internal/scifact"
)

// fakeHearth is a test double for the process boundary only: a shell
// script standing in for the hearth binary. `docs add` records its
// arguments and environment; `docs search` answers each stdin line with
// canned JSON, so the runner's plumbing is tested, not Hearth's search.
const fakeHearth = `#!/bin/sh
log="$(dirname "$0")/calls"
echo "$* HOME=$HEARTH_HOME PASS=$HEARTH_PASSPHRASE" >> "$log"
case "$1 $2" in
"docs add") exit 0 ;;
"docs search")
  while IFS= read -r q; do
    case "$q" in
    "first query") echo '[{"path":"/c/7.md","score":2,"snippet":"s","location":{}},{"path":"/c/7.md","score":1.5},{"path":"/c/notes.txt","score":1.2},{"path":"/c/3.md","score":1}]' ;;
    *) echo '[]' ;;
    esac
  done ;;
esac
`

func newFake(t *testing.T, script string) (*scifact.Runner, string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake hearth is a shell script")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "hearth")
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return &scifact.Runner{Bin: bin, Home: filepath.Join(dir, "home"), Passphrase: "pw", Extra: []string{"--model", "m.gguf"}}, dir
}

func TestRunnerAddAndSearch(t *testing.T) {
	r, dir := newFake(t, fakeHearth)
	ctx := context.Background()
	if err := r.Add(ctx, "/corpus", io.Discard); err != nil {
		t.Fatal(err)
	}
	queries := []scifact.Query{{ID: "q1", Text: "first\nquery"}, {ID: "q2", Text: "other"}}
	runs, err := r.Search(ctx, queries, 100, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"q1": {"7", "3"}, "q2": nil}
	if !reflect.DeepEqual(runs, want) {
		t.Errorf("runs = %v, want %v", runs, want)
	}
	calls, _ := os.ReadFile(filepath.Join(dir, "calls"))
	home := filepath.Join(dir, "home")
	wantCalls := "docs add --model m.gguf /corpus HOME=" + home + " PASS=pw\n" +
		"docs search --k 100 --json --stdin --model m.gguf HOME=" + home + " PASS=pw\n"
	if string(calls) != wantCalls {
		t.Errorf("calls:\n%s\nwant:\n%s", calls, wantCalls)
	}
}

func TestRunnerSearchRejectsShortOutput(t *testing.T) {
	r, _ := newFake(t, "#!/bin/sh\nread -r q; echo '[]'\n")
	_, err := r.Search(context.Background(), []scifact.Query{{ID: "a", Text: "x"}, {ID: "b", Text: "y"}}, 10, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "1 result lines for 2 queries") {
		t.Errorf("err = %v, want a count mismatch", err)
	}
}

func TestRunnerSearchRejectsBadJSON(t *testing.T) {
	r, _ := newFake(t, "#!/bin/sh\nread -r q; echo 'not json'\n")
	if _, err := r.Search(context.Background(), []scifact.Query{{ID: "a", Text: "x"}}, 10, io.Discard); err == nil {
		t.Error("no error for a line that is not JSON")
	}
}

func TestRunnerAddFails(t *testing.T) {
	r, _ := newFake(t, "#!/bin/sh\nexit 3\n")
	if err := r.Add(context.Background(), "/corpus", io.Discard); err == nil {
		t.Error("no error when docs add exits 3")
	}
}

func TestWriteCorpusRoundTrip(t *testing.T) {
	dir := t.TempDir()
	docs := []scifact.Doc{{ID: "4983", Title: "A title.", Text: "Body text."}}
	if err := scifact.WriteCorpus(dir, docs); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "4983.md"))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "# A title.\n\nBody text.\n" {
		t.Errorf("file = %q", b)
	}
	if id, ok := scifact.IDFromPath(filepath.Join(dir, "4983.md")); !ok || id != "4983" {
		t.Errorf("IDFromPath = %q, %v", id, ok)
	}
	for _, p := range []string{"/x/4983.txt", "/x/.md", "/x/a b.md"} {
		if _, ok := scifact.IDFromPath(p); ok {
			t.Errorf("IDFromPath(%q) accepted", p)
		}
	}
	if err := scifact.WriteCorpus(dir, []scifact.Doc{{ID: "../evil"}}); err == nil {
		t.Error("WriteCorpus accepted id ../evil")
	}
}
