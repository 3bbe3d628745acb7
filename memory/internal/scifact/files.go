package scifact

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteCorpus writes each document to dir as <id>.md: the title as a
// Markdown heading, a blank line, then the text.
func WriteCorpus(dir string, corpus []Doc) error {
	for _, d := range corpus {
		if !safeID(d.ID) {
			return fmt.Errorf("scifact: write corpus: document id %q is not a safe file name", d.ID)
		}
		body := "# " + d.Title + "\n\n" + d.Text + "\n"
		if err := os.WriteFile(filepath.Join(dir, d.ID+".md"), []byte(body), 0o600); err != nil {
			return fmt.Errorf("scifact: write corpus: %w", err)
		}
	}
	return nil
}

// IDFromPath maps a path written by WriteCorpus back to its document id;
// ok is false for any other path.
func IDFromPath(path string) (id string, ok bool) {
	base := filepath.Base(filepath.FromSlash(path))
	id, found := strings.CutSuffix(base, ".md")
	if !found || !safeID(id) {
		return "", false
	}
	return id, true
}

// safeID reports whether id is a non-empty run of ASCII letters, digits,
// '-' and '_', and so a file name on every system.
func safeID(id string) bool {
	if id == "" || len(id) > 200 {
		return false
	}
	for _, r := range id {
		ok := r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !ok {
			return false
		}
	}
	return true
}
