package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// embedModel generates a small bert embedding model named name in dir.
// engine/embedded's tests compare such models' vectors with llama.cpp's;
// here the command line must print exactly the engine's vectors.
func embedModel(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name+".gguf")
	err := modelgen.Write(path, modelgen.Spec{Arch: "bert", Dim: 64, Layers: 1, Heads: 2, FFN: 128, Context: 128,
		Type: quant.F32, Seed: 5, Vocab: filepath.Join(testData(t), "vocab", "ggml-vocab-bert-bge.gguf")})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// engineVectors embeds texts with the engine directly.
func engineVectors(t *testing.T, path string, texts ...string) [][]float32 {
	t.Helper()
	b := embedded.NewBackend(embedded.Dir(filepath.Dir(path)), embedded.Options{})
	defer b.Close()
	v, err := b.Embed(context.Background(), path, texts)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestEmbedCommand(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	dir := t.TempDir()
	path := embedModel(t, dir, "nomic-embed-text-test")
	texts := []string{"a cup of tea", "東京"}
	want := engineVectors(t, path, texts...)

	code, out, errOut := run(t, "embed", "--model", path, "--json", texts[0], texts[1])
	var got [][]float32
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || !equalVectors(got, want) {
		t.Fatalf("embed --json: exit %d, %.200s %s; want the engine's vectors", code, out, errOut)
	}

	var stdout, stderr bytes.Buffer
	code = app.Run(context.Background(), []string{"embed", "--model", path}, app.IO{In: strings.NewReader(texts[0] + "\n" + texts[1] + "\n"), Out: &stdout, Err: &stderr})
	if lines := parseLines(t, stdout.String()); code != 0 || !equalVectors(lines, want) {
		t.Fatalf("embed from stdin: exit %d, %.200s %s; want one line per vector", code, stdout.String(), stderr.String())
	}

	query := engineVectors(t, path, "search_query: "+texts[0])
	code, out, errOut = run(t, "embed", "--model", path, "--as", "query", "--json", texts[0])
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || !equalVectors(got, query) {
		t.Fatalf("embed --as query: exit %d %s; want the vector of the nomic query prefix and the text", code, errOut)
	}
}

func TestEmbedCommandRefuses(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	path := embedModel(t, t.TempDir(), "bge")
	long := strings.Repeat("word ", 200)
	for _, tc := range []struct {
		name string
		args []string
		says string
	}{
		{"too long", []string{"embed", "--model", path, long}, "context"},
		{"bad role", []string{"embed", "--model", path, "--as", "answer", "x"}, "query or document"},
		{"chat model", []string{"embed", "--model", filepath.Join(testData(t), "models", "stories260K.gguf"), "x"}, "not an embedding model"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, tc.args...)
			if code == 0 || !strings.Contains(errOut, tc.says) {
				t.Errorf("exit %d, stderr %q; want a failure saying %q", code, errOut, tc.says)
			}
		})
	}
	if code, out, errOut := run(t, "embed", "--model", path, "--overflow", "truncate", "--json", long); code != 0 || !strings.HasPrefix(out, "[[") {
		t.Errorf("--overflow truncate: exit %d %s", code, errOut)
	}
}

// TestServeEmbeddings asks `hearth serve` (embedded engine) for embeddings
// of an installed embedding model, by its library name, over the OpenAI
// API and expects the engine's vectors.
func TestServeEmbeddings(t *testing.T) {
	setHome(t, t.TempDir())
	path := embedModel(t, t.TempDir(), "bge")
	want := engineVectors(t, path, "tea", "coffee")
	var imported bytes.Buffer
	if code := app.Run(context.Background(), []string{"models", "import", path}, app.IO{In: strings.NewReader(""), Out: &imported, Err: io.Discard}); code != 0 {
		t.Fatalf("models import: exit %d", code)
	}
	name, _, _ := strings.Cut(strings.TrimPrefix(imported.String(), "Imported "), " ")
	t.Setenv("HEARTH_PASSPHRASE", "test passphrase") // each command takes it from the environment
	addr := freeAddr(t)
	var out, errb lockedBuffer
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	done := make(chan int, 1)
	go func() {
		done <- app.Run(ctx, []string{"serve", "--backend", "embedded", "--addr", addr}, app.IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	}()
	token := waitForToken(t, &out, done)
	defer func() { stop(); <-done }()
	body, _ := json.Marshal(map[string]any{"model": name, "input": []string{"tea", "coffee"}})
	req, _ := http.NewRequest("POST", "http://"+addr+"/v1/embeddings", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer struct {
		Data []struct {
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil || resp.StatusCode != 200 || len(answer.Data) != 2 {
		t.Fatalf("status %d, %v, %+v (serve: %s)", resp.StatusCode, err, answer, errb.String())
	}
	got := [][]float32{answer.Data[0].Embedding, answer.Data[1].Embedding}
	if !equalVectors(got, want) {
		t.Errorf("/v1/embeddings differs from the engine's vectors")
	}
}

func equalVectors(a, b [][]float32) bool {
	return slices.EqualFunc(a, b, func(x, y []float32) bool { return slices.Equal(x, y) })
}

func parseLines(t *testing.T, s string) [][]float32 {
	var out [][]float32
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		var v []float32
		for _, f := range strings.Fields(line) {
			x, err := strconv.ParseFloat(f, 32)
			if err != nil {
				t.Fatalf("value %q: %v", f, err)
			}
			v = append(v, float32(x))
		}
		out = append(out, v)
	}
	return out
}

// TestModelsListShowsEmbeddingKind imports an embedding model and expects
// `hearth models list` to mark it, and its JSON to say so.
func TestModelsListShowsEmbeddingKind(t *testing.T) {
	setHome(t, t.TempDir())
	path := embedModel(t, t.TempDir(), "bge-test")
	if code, _, errOut := run(t, "models", "import", path); code != 0 {
		t.Fatalf("import: exit %d %s", code, errOut)
	}
	code, out, errOut := run(t, "models", "list")
	if code != 0 || !regexp.MustCompile(`(?m)^bge-test\s+embedding\s`).MatchString(out) {
		t.Errorf("models list: exit %d %q %s; want bge-test of kind embedding", code, out, errOut)
	}
	code, out, _ = run(t, "models", "list", "--json")
	if code != 0 || !strings.Contains(out, `"embedding": true`) && !strings.Contains(out, `"embedding":true`) {
		t.Errorf("models list --json: %s", out)
	}
}
