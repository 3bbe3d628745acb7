package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIgnorer(t *testing.T) {
	root := t.TempDir()
	rules := "# my rules\n*.log\n!keep.log\nprivate/\n/drafts\n\n"
	if err := os.WriteFile(filepath.Join(root, IgnoreFile), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	ig, err := LoadIgnorer(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := ig.Add("projects/site", strings.NewReader("dist/\n")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path   string
		dir    bool
		skip   bool
		reason string
	}{
		{"notes/todo.md", false, false, ""},
		{".git", true, true, `default rule ".*"`},
		{"a/b/node_modules", true, true, "node_modules/"},
		{"src/__pycache__", true, true, "__pycache__"},
		{"photos/.DS_Store", false, true, "default rule"},
		{".hearthignore", false, true, "default rule"},
		{"report~", false, true, "default rule"},
		{"~$draft.docx", false, true, "default rule"},
		{"server.log", false, true, `rule "*.log" in .hearthignore`},
		{"deep/keep.log", false, false, ""},
		{"private", true, true, `"private/"`},
		{"private", false, false, ""},
		{"drafts", true, true, `"/drafts"`},
		{"notes/drafts", true, false, ""},
		{"projects/site/dist", true, true, "projects/site/.hearthignore"},
		{"projects/other/dist", true, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			skip, reason := ig.Skip(tt.path, tt.dir)
			if skip != tt.skip || !strings.Contains(reason, tt.reason) {
				t.Fatalf("Skip(%q, %v) = %v, %q; want %v with %q", tt.path, tt.dir, skip, reason, tt.skip, tt.reason)
			}
		})
	}
}

func TestLoadIgnorerWithoutFile(t *testing.T) {
	ig, err := LoadIgnorer(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if skip, _ := ig.Skip("readme.md", false); skip {
		t.Fatal("readme.md skipped with no rules but the defaults")
	}
}
