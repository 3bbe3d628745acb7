package docsync

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/hearth-app/hearth/memory"
)

// Watcher keeps library folders indexed while it runs: it syncs each
// folder at start (for what changed while nothing watched) and again a
// moment after the folder's last change. Syncs are incremental, so a
// burst of changes costs one walk and the reading of what changed.
type Watcher struct {
	// Syncer does the work, and its ignore rules say which folders are
	// watched.
	Syncer *Syncer
	// Sync, when set, runs each sync in place of Syncer.Sync: for a
	// caller that lends the store one sync at a time.
	Sync func(ctx context.Context, src memory.LibrarySource) (Summary, error)
	// Delay is how long a folder must be quiet before it is synced;
	// half a second when 0.
	Delay time.Duration
	// OnSync, when set, is told of every sync's outcome.
	OnSync func(src memory.LibrarySource, sum Summary, err error)
}

// Watch watches the sources until ctx ends. A folder that cannot be
// watched or synced is reported through OnSync and does not stop the
// others. It returns ctx's error, or why watching could not start.
func (w *Watcher) Watch(ctx context.Context, sources []memory.LibrarySource) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch folders: %w", err)
	}
	defer fw.Close()
	dirty := map[int64]bool{}
	for _, src := range sources {
		w.addTree(fw, src.Path)
		dirty[src.ID] = true
	}
	w.syncDirty(ctx, sources, dirty)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			src, ok := sourceOf(sources, ev.Name)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				w.addTree(fw, ev.Name) // a new folder: watch it and what it holds
			}
			dirty[src.ID] = true
			timer.Reset(w.delay())
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			w.report(memory.LibrarySource{}, Summary{}, fmt.Errorf("watch folders: %w", err))
		case <-timer.C:
			w.syncDirty(ctx, sources, dirty)
		}
	}
}

func (w *Watcher) delay() time.Duration {
	if w.Delay > 0 {
		return w.Delay
	}
	return 500 * time.Millisecond
}

// addTree watches dir and every folder under it that the sync would
// walk; a path that is not a folder is ignored.
func (w *Watcher) addTree(fw *fsnotify.Watcher, dir string) {
	ignore, err := w.Syncer.ignoreFor(dir)
	if err != nil {
		ignore = DefaultIgnore
	}
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if path != dir {
			rel, _ := filepath.Rel(dir, path)
			if _, ok := ignore(filepath.ToSlash(rel), true); ok {
				return filepath.SkipDir
			}
		}
		if err := fw.Add(path); err != nil {
			w.report(memory.LibrarySource{Path: path}, Summary{}, fmt.Errorf("watch %s: %w", path, err))
		}
		return nil
	})
}

// syncDirty syncs the sources marked dirty and clears their marks.
func (w *Watcher) syncDirty(ctx context.Context, sources []memory.LibrarySource, dirty map[int64]bool) {
	for _, src := range sources {
		if !dirty[src.ID] || ctx.Err() != nil {
			continue
		}
		delete(dirty, src.ID)
		sum, err := w.sync(ctx, src)
		w.report(src, sum, err)
	}
}

func (w *Watcher) sync(ctx context.Context, src memory.LibrarySource) (Summary, error) {
	if w.Sync != nil {
		return w.Sync(ctx, src)
	}
	return w.Syncer.Sync(ctx, src)
}

func (w *Watcher) report(src memory.LibrarySource, sum Summary, err error) {
	if w.OnSync != nil {
		w.OnSync(src, sum, err)
	}
}

// sourceOf returns the source that path lies in.
func sourceOf(sources []memory.LibrarySource, path string) (memory.LibrarySource, bool) {
	for _, src := range sources {
		if under(path, []string{src.Path}) {
			return src, true
		}
	}
	return memory.LibrarySource{}, false
}
