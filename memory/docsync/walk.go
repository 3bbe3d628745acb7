package docsync

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hearth-app/hearth/memory/ingest"
)

// entry is one thing a walk found: a regular file to consider, or
// something with an outcome decided by the walk itself (a link, an
// ignored or unreadable folder).
type entry struct {
	path    string
	size    int64
	modTime int64
	outcome *ingest.Outcome
}

// walkResult is what a walk found, and the folders whose contents it
// could not see: files known under them are not taken for deleted.
type walkResult struct {
	entries []entry
	blind   []string
}

// Ignore says whether a path (relative to its source, with '/'
// separators) is left out, and why; dir is true for folders.
type Ignore func(rel string, dir bool) (reason string, ignored bool)

// DefaultIgnore leaves out version-control folders, dependency folders
// and caches.
func DefaultIgnore(rel string, dir bool) (string, bool) {
	if !dir {
		return "", false
	}
	switch filepath.Base(rel) {
	case ".git", ".hg", ".svn", "node_modules", "__pycache__", ".cache", ".venv", ".Trash":
		return "ignored by default (a version-control, dependency or cache folder)", true
	}
	return "", false
}

// walk lists everything under root without following links, so a link
// loop cannot trap it. It fails only when root itself cannot be read.
func walk(ctx context.Context, root string, ignore Ignore) (walkResult, error) {
	var res walkResult
	if _, err := os.Stat(root); err != nil {
		return res, fmt.Errorf("the folder %s cannot be read: %w", root, err)
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if path == root {
				return err
			}
			res.blind = append(res.blind, path)
			res.entries = append(res.entries, decided(path, ingest.Failed, "the folder could not be read: "+reason(err)))
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		return res.visit(root, path, d, ignore)
	})
	if err != nil {
		return res, fmt.Errorf("walk %s: %w", root, err)
	}
	return res, nil
}

func (res *walkResult) visit(root, path string, d fs.DirEntry, ignore Ignore) error {
	rel, _ := filepath.Rel(root, path)
	rel = filepath.ToSlash(rel)
	if path != root {
		if why, ok := ignore(rel, d.IsDir()); ok {
			res.entries = append(res.entries, decided(path, ingest.Skipped, why))
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
	}
	switch {
	case d.IsDir():
		return nil
	case d.Type()&fs.ModeSymlink != 0:
		res.entries = append(res.entries, decided(path, ingest.Skipped, "a symbolic link, not followed"))
		return nil
	case !d.Type().IsRegular():
		res.entries = append(res.entries, decided(path, ingest.Skipped, "not a regular file"))
		return nil
	}
	info, err := d.Info()
	if err != nil { // gone since the folder was listed
		return nil
	}
	res.entries = append(res.entries, entry{path: path, size: info.Size(), modTime: info.ModTime().UnixNano()})
	return nil
}

func decided(path string, st ingest.Status, why string) entry {
	return entry{path: path, outcome: &ingest.Outcome{Status: st, Reason: why}}
}

// reason is the cause of a file-system error in words, without the path
// the caller already shows.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// under reports whether path lies inside one of the folders.
func under(path string, folders []string) bool {
	for _, f := range folders {
		if path == f || strings.HasPrefix(path, f+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
