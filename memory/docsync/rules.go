package docsync

import (
	"os"
	"path/filepath"

	"github.com/hearth-app/hearth/memory/ingest"
)

// IgnoreRules returns the ignore rules of the folder root, as a walk
// from root asks them: ingest's default rules, root's .hearthignore, and
// every .hearthignore below it, read as the walk enters the folder that
// holds it and applied below that folder only. The returned function
// keeps state and serves one walk at a time.
func IgnoreRules(root string) (Ignore, error) {
	ig, err := ingest.LoadIgnorer(root)
	if err != nil {
		return nil, err
	}
	return func(rel string, dir bool) (string, bool) {
		if skip, why := ig.Skip(rel, dir); skip {
			return why, true
		}
		if dir {
			addNestedRules(ig, root, rel)
		}
		return "", false
	}, nil
}

// addNestedRules adds the .hearthignore in the folder rel under root, if
// there is one. A file that cannot be read adds no rule: the walk then
// reads more, never less, than the person asked.
func addNestedRules(ig *ingest.Ignorer, root, rel string) {
	f, err := os.Open(filepath.Join(root, rel, ingest.IgnoreFile))
	if err != nil {
		return
	}
	defer f.Close()
	_ = ig.Add(filepath.ToSlash(rel), f)
}
