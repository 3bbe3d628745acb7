package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// IgnoreFile is the name of the file, in gitignore syntax, that says what
// a folder walk skips below the folder that holds it.
const IgnoreFile = ".hearthignore"

// DefaultIgnores are the rules every walk follows before any
// .hearthignore: version control, dependency and cache folders, build
// and editor leftovers, and hidden files and folders (dot-files). A
// .hearthignore can take a file back with a "!" rule, but, as in git, not
// one inside a folder that is skipped.
var DefaultIgnores = []string{
	".*", // hidden files and folders: .git, .cache, .venv, .DS_Store, .hearthignore itself
	"node_modules/", "__pycache__/", "bower_components/",
	"*.pyc", "*.pyo", "*.o", "*.obj", "*.a", "*.so", "*.dll", "*.dylib", "*.exe", "*.class",
	"*~", "~$*", "*.swp", "*.tmp", "Thumbs.db", "desktop.ini",
}

// Ignorer says which paths of a folder walk to skip: the DefaultIgnores,
// then each .hearthignore added, later rules winning as in git.
type Ignorer struct {
	rules []ignoreRule
}

// ignoreRule is one parsed rule and where it came from, for the reason.
type ignoreRule struct {
	pattern gitignore.Pattern
	text    string
	source  string
}

// NewIgnorer returns an Ignorer with the DefaultIgnores only.
func NewIgnorer() *Ignorer {
	ig := &Ignorer{}
	for _, r := range DefaultIgnores {
		ig.rules = append(ig.rules, ignoreRule{gitignore.ParsePattern(r, nil), r, "the default rule"})
	}
	return ig
}

// LoadIgnorer returns an Ignorer with the DefaultIgnores and the
// .hearthignore at the root of the folder root, if there is one.
func LoadIgnorer(root string) (*Ignorer, error) {
	ig := NewIgnorer()
	f, err := os.Open(filepath.Join(root, IgnoreFile))
	if errors.Is(err, fs.ErrNotExist) {
		return ig, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ignore rules: %w", err)
	}
	defer f.Close()
	return ig, ig.Add("", f)
}

// Add adds the rules of a .hearthignore read from r that lies in the
// folder dir (slash-separated, relative to the walk's root; "" for the
// root); they apply below dir only. A walker calls it as it enters a
// folder that holds one.
func (ig *Ignorer) Add(dir string, r io.Reader) error {
	var domain []string
	if dir = strings.Trim(path.Clean(filepath.ToSlash(dir)), "/"); dir != "" && dir != "." {
		domain = strings.Split(dir, "/")
	}
	source := path.Join(dir, IgnoreFile)
	sc := bufio.NewScanner(io.LimitReader(r, 1<<20))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ig.rules = append(ig.rules, ignoreRule{gitignore.ParsePattern(line, domain), line, source})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("ignore rules %s: %w", source, err)
	}
	return nil
}

// Skip reports whether the walk skips relPath (slash- or OS-separated,
// relative to the walk's root), a folder if isDir, and if so the reason
// in one sentence naming the rule.
func (ig *Ignorer) Skip(relPath string, isDir bool) (bool, string) {
	parts := strings.Split(strings.Trim(filepath.ToSlash(relPath), "/"), "/")
	var last *ignoreRule
	result := gitignore.NoMatch
	for i := range ig.rules {
		if m := ig.rules[i].pattern.Match(parts, isDir); m != gitignore.NoMatch {
			result, last = m, &ig.rules[i]
		}
	}
	if result != gitignore.Exclude {
		return false, ""
	}
	if last.source == "the default rule" {
		return true, fmt.Sprintf("It is skipped by the default rule %q.", last.text)
	}
	return true, fmt.Sprintf("It is skipped by the rule %q in %s.", last.text, last.source)
}
