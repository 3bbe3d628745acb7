package ingest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden chunk files under testdata/golden")

// golden is what a golden file holds: a sample's outcome and chunks.
type golden struct {
	Outcome Outcome `json:"outcome"`
	Chunks  []Chunk `json:"chunks"`
}

// TestGolden parses each sample in testdata (the binary formats generated
// from sample.md and sample.ps by pandoc and ps2pdf) and compares its
// chunks with testdata/golden/<sample>.json; -update rewrites those.
func TestGolden(t *testing.T) {
	samples := []struct {
		name string
		make func(t *testing.T) string // returns the sample's path
	}{
		{"sample.md", committed}, {"sample.html", committed}, {"sample.csv", committed},
		{"sample.go", committed}, {"sample.eml", committed}, {"sample.mbox", committed},
		{"sample.docx", fromMarkdown}, {"sample.odt", fromMarkdown}, {"sample.epub", fromMarkdown},
		{"sample.pdf", func(t *testing.T) string {
			out := filepath.Join(t.TempDir(), "sample.pdf")
			run(t, ".", "ps2pdf", filepath.Join("testdata", "sample.ps"), out)
			return out
		}},
	}
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			res := parseWith(t, s.make(t), Options{ChunkSize: 200, Overlap: 40})
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(golden{res.out, res.chunks}); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", "golden", s.name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("chunks differ from %s (run with -update after checking):\n%s", path, got)
			}
		})
	}
}

// committed returns the path of the sample named by the subtest.
func committed(t *testing.T) string {
	return filepath.Join("testdata", filepath.Base(t.Name()))
}

// fromMarkdown converts testdata/sample.md with pandoc to the subtest's
// format.
func fromMarkdown(t *testing.T) string {
	name := filepath.Base(t.Name())
	out := filepath.Join(t.TempDir(), name)
	run(t, ".", "pandoc", filepath.Join("testdata", "sample.md"), "-o", out)
	return out
}
