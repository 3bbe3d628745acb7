package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/catalog"
	"github.com/hearth-app/hearth/engine/download"
)

// storeKey is the Store key the list of models is kept under.
const storeKey = "models.library"

// ErrExists reports a name that is already taken by another model.
var ErrExists = errors.New("a model with this name already exists")

// Library is the user's models. Its methods are safe for concurrent use
// within one process.
type Library struct {
	dir   string
	store Store
	// Catalog resolves names for Pull; nil means the built-in catalog.
	Catalog *catalog.Catalog
	// Downloader fetches files for Pull; nil means a default one.
	Downloader *download.Downloader
	// LoopbackHTTP lets tests serve catalog models from http://127.0.0.1;
	// catalog downloads are https only otherwise. Never set it in the app.
	LoopbackHTTP bool
	mu           sync.Mutex
}

// New returns the library whose downloads live in dir (typically
// <HEARTH_HOME>/models) and whose list is kept in store.
func New(dir string, store Store) *Library {
	return &Library{dir: dir, store: store}
}

// Dir returns the directory downloads go to.
func (l *Library) Dir() string { return l.dir }

// record is what the Store holds.
type record struct {
	Version int     `json:"version"`
	Models  []Entry `json:"models"`
}

func (l *Library) load() ([]Entry, error) {
	b, err := getValue(l.store, storeKey)
	if err != nil {
		return nil, fmt.Errorf("model library: read: %w", err)
	}
	if len(b) == 0 {
		return nil, nil
	}
	var r record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("model library: the stored list is damaged: %w", err)
	}
	return r.Models, nil
}

func (l *Library) save(entries []Entry) error {
	slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	for i := range entries {
		entries[i].Missing = false
	}
	b, err := json.Marshal(record{Version: 1, Models: entries})
	if err != nil {
		return err
	}
	if err := l.store.Put(storeKey, b); err != nil {
		return fmt.Errorf("model library: write: %w", err)
	}
	return nil
}

// List returns the library's models sorted by name, each marked Missing when
// its file is gone.
func (l *Library) List() ([]Entry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	entries, err := l.load()
	if err != nil {
		return nil, err
	}
	for i := range entries {
		entries[i].Missing = !isFile(entries[i].Path)
	}
	return entries, nil
}

// Import records the GGUF file at path under name (derived from the file when
// empty). The file stays where it is and is never copied. Importing the same
// file under the same name again is not an error.
func (l *Library) Import(path, name string) (Entry, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Entry{}, fmt.Errorf("import %s: %w", path, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return Entry{}, fmt.Errorf("import %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return Entry{}, fmt.Errorf("import %s: not a file", path)
	}
	info, err := Inspect(abs)
	if err != nil {
		return Entry{}, fmt.Errorf("import: %w", err)
	}
	if name == "" {
		name = suggestName(abs, info)
	}
	e := Entry{Name: name, Path: abs, Origin: Imported, Size: fi.Size(), Added: time.Now().UTC(), Info: info}
	return l.add(e)
}

// suggestName picks a name for an imported file: its file name, or the
// model's title when the file name says nothing (an Ollama blob).
func suggestName(path string, info Info) string {
	base := filepath.Base(path)
	if strings.HasPrefix(base, "sha256-") && info.Title != "" {
		return NameFor(info.Title)
	}
	return NameFor(base)
}

// add records e, refusing a name another file holds.
func (l *Library) add(e Entry) (Entry, error) {
	e.Name = strings.ToLower(e.Name)
	if !ValidName(e.Name) {
		return Entry{}, fmt.Errorf("invalid model name %q: use lower-case letters, digits, '.', '_' and '-'", e.Name)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	entries, err := l.load()
	if err != nil {
		return Entry{}, err
	}
	if i := slices.IndexFunc(entries, func(x Entry) bool { return x.Name == e.Name }); i >= 0 {
		if entries[i].Path != e.Path {
			return Entry{}, fmt.Errorf("%w: %q is %s", ErrExists, e.Name, entries[i].Path)
		}
		e.Added = entries[i].Added
		entries = slices.Delete(entries, i, i+1)
	}
	return e, l.save(append(entries, e))
}

// Resolve finds a model by name in the library, or, when no model has that
// name, by path to a GGUF file. A name that matches nothing gives an error
// matching engine.ErrModelNotFound.
func (l *Library) Resolve(nameOrPath string) (Entry, error) {
	l.mu.Lock()
	entries, err := l.load()
	l.mu.Unlock()
	if err != nil {
		return Entry{}, err
	}
	key := strings.ToLower(nameOrPath)
	if i := slices.IndexFunc(entries, func(x Entry) bool { return x.Name == key }); i >= 0 {
		e := entries[i]
		if !isFile(e.Path) {
			e.Missing = true
			return e, fmt.Errorf("model %q: its file %s is missing (hearth models rm %s forgets it)", e.Name, e.Path, e.Name)
		}
		return e, nil
	}
	return resolvePath(nameOrPath)
}

// resolvePath describes a model named by its path.
func resolvePath(p string) (Entry, error) {
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return Entry{}, fmt.Errorf("%w: %q is neither a model in the library nor a file (hearth models list)", engine.ErrModelNotFound, p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return Entry{}, err
	}
	info, err := Inspect(abs)
	if err != nil {
		return Entry{}, err
	}
	return Entry{Name: NameFor(abs), Path: abs, Origin: Path, Size: fi.Size(), Info: info}, nil
}

// Remove takes the model name out of the library. A downloaded model's file
// is deleted; an imported one is only forgotten, its file left alone.
func (l *Library) Remove(name string) (Entry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	entries, err := l.load()
	if err != nil {
		return Entry{}, err
	}
	key := strings.ToLower(name)
	i := slices.IndexFunc(entries, func(x Entry) bool { return x.Name == key })
	if i < 0 {
		return Entry{}, fmt.Errorf("%w: no model %q in the library", engine.ErrModelNotFound, name)
	}
	e := entries[i]
	if e.Origin == Downloaded {
		if err := l.deleteDownload(e.Path); err != nil {
			return Entry{}, err
		}
	}
	return e, l.save(slices.Delete(entries, i, i+1))
}

// deleteDownload deletes a downloaded file and what a download leaves
// beside it, but only inside the library's directory.
func (l *Library) deleteDownload(path string) error {
	dir, err := filepath.Abs(l.dir)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(dir, path); err != nil || strings.HasPrefix(rel, "..") || filepath.IsAbs(rel) {
		return fmt.Errorf("remove: %s is outside %s; not deleting it", path, dir)
	}
	for _, p := range []string{path, path + ".partial", path + ".partial.json"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove: %w", err)
		}
	}
	return nil
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
