package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
)

// ChooseFolder asks for a folder in the native folder dialog and adds it
// to the library, indexing it in the background (progress comes as
// events). It returns the folder, or "" when the person cancelled. The
// path comes from the dialog only: page script can call this method, but
// cannot make it add a folder the person did not pick.
func (s *DocumentsService) ChooseFolder() (string, error) {
	dir, err := s.dialogs.OpenFolder("Add a folder to your documents")
	if err != nil || dir == "" {
		return "", err
	}
	return dir, s.addFolder(dir)
}

// addFolder adds a folder to the library and starts indexing it; adding
// a folder already there indexes what changed in it.
func (s *DocumentsService) addFolder(path string) error {
	dir, err := folderArg(path)
	if err != nil {
		return err
	}
	var src memory.LibrarySource
	err = s.vault.Use(func(st *memory.Store) error {
		if err := checkOverlap(context.Background(), st, dir); err != nil {
			return err
		}
		src, err = st.AddSource(context.Background(), dir)
		return err
	})
	if err != nil {
		return err
	}
	lease, ok := s.vault.Lease()
	if !ok {
		return ErrLocked
	}
	s.start(lease, src)
	s.restartWatch() // watch the new folder too
	return nil
}

// start runs src's indexing in the background unless it already runs;
// it stops when the store locks (the watcher resumes it at unlock).
func (s *DocumentsService) start(lease context.Context, src memory.LibrarySource) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.jobs[src.Path]; ok {
		return
	}
	ctx, cancel := context.WithCancel(lease)
	job := docsJob{cancel: cancel, done: make(chan struct{})}
	s.jobs[src.Path] = job
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(job.done)
		sum, err := s.sync(ctx, src)
		s.finished(src.Path)
		s.report(src, sum, err) // once Folders no longer says indexing
	}()
}

// sync brings the library's record of src in step with the folder,
// sending progress as events. Syncs run one at a time, each borrowing the
// store in the background so that locking stops it.
func (s *DocumentsService) sync(ctx context.Context, src memory.LibrarySource) (docsync.Summary, error) {
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	var sum docsync.Summary
	err := s.vault.UseInBackground(ctx, func(ctx context.Context, st *memory.Store) error {
		y := &docsync.Syncer{Store: st, Progress: s.progress(src)}
		var err error
		if sum, err = y.Sync(ctx, src); err != nil {
			return err
		}
		return s.embed(ctx, st)
	})
	return sum, err
}

// embed fills in the vectors of the chunks that have none yet, with the
// library's embedding model, so search becomes hybrid behind keyword
// search, sending its progress (EventDocsSemantic) and giving way to
// chat answers. Without an embedding model there is nothing to do.
func (s *DocumentsService) embed(ctx context.Context, st *memory.Store) error {
	if s.vault.embedder == nil {
		return nil
	}
	rep := &semanticReporter{events: s.events}
	var e memory.ModelEmbedder = s.vault.embedder
	if err := rep.begin(ctx, st, e); err != nil {
		if isNoEmbeddingModel(err) {
			return nil
		}
		return err
	}
	if s.chat != nil {
		e = yieldingEmbedder{ModelEmbedder: e, chat: s.chat, paused: rep.paused}
	}
	_, err := docsync.Embed(ctx, st, e, rep.progress)
	if isNoEmbeddingModel(err) { // removed since the pass began
		return nil
	}
	return err
}

// progressEvery is the least time between two progress events of a
// folder: a sync reports after every file, which would flood the window.
const progressEvery = 100 * time.Millisecond

// progress returns the Syncer callback that sends src's progress.
func (s *DocumentsService) progress(src memory.LibrarySource) func(docsync.Progress) {
	var mu sync.Mutex
	var last time.Time
	return func(p docsync.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < progressEvery && p.FilesDone < p.FilesTotal {
			return
		}
		last = time.Now()
		s.events.Emit(EventDocsProgress, newDocsProgress(src.Path, p))
	}
}

// newDocsProgress is p as the window shows it.
func newDocsProgress(folder string, p docsync.Progress) DocsProgress {
	return DocsProgress{Folder: folder, FilesDone: p.FilesDone, FilesTotal: p.FilesTotal,
		BytesDone: p.BytesDone, BytesTotal: p.BytesTotal,
		FilesPerSecond: p.FilesPerSecond(), SecondsLeft: p.Left().Seconds()}
}

// report sends the outcome of src's indexing as an event.
func (s *DocumentsService) report(src memory.LibrarySource, sum docsync.Summary, err error) {
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, ErrLocked):
		s.events.Emit(EventDocsError, DocsFailed{Folder: src.Path, Error: "indexing was stopped; it resumes when Hearth is unlocked or the folder is added again"})
	case err != nil:
		s.events.Emit(EventDocsError, DocsFailed{Folder: src.Path, Error: oneLine(err)})
	default:
		s.events.Emit(EventDocsDone, DocsDone{Folder: src.Path, Summary: sum})
	}
}

// finished forgets folder's job (it has ended).
func (s *DocumentsService) finished(folder string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if job, ok := s.jobs[folder]; ok {
		job.cancel()
		delete(s.jobs, folder)
	}
}

// indexing reports whether folder's indexing runs.
func (s *DocumentsService) indexing(folder string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.jobs[folder]
	return ok
}
