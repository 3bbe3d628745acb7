package app

import (
	"context"
	"errors"
	"time"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
)

// watchDelay is how long a folder must be quiet before the watcher syncs
// it: long enough to take a burst of saves as one, short enough that a
// saved file is searchable at once.
var watchDelay = 400 * time.Millisecond

// watch keeps the library's folders indexed while the store is unlocked:
// the vault runs it at each unlock with a lease that ends at lock or
// close. It first syncs every folder for what changed while Hearth was not
// watching, then syncs a folder a moment after it changes. Adding or
// removing a folder restarts it with the new list.
func (s *DocumentsService) watch(lease context.Context) {
	for lease.Err() == nil {
		ctx, cancel := context.WithCancel(lease)
		s.mu.Lock()
		s.stopWatch = cancel
		s.mu.Unlock()
		err := s.watchFolders(ctx)
		cancel()
		if lease.Err() != nil {
			return
		}
		if !errors.Is(err, context.Canceled) { // could not watch: wait for a change of folders
			select {
			case <-lease.Done():
				return
			case <-s.kick:
			}
		}
	}
}

// watchFolders watches the library's folders until ctx ends; with no
// folder it waits for one.
func (s *DocumentsService) watchFolders(ctx context.Context) error {
	var srcs []memory.LibrarySource
	err := s.vault.UseInBackground(ctx, func(ctx context.Context, st *memory.Store) error {
		var err error
		srcs, err = st.Sources(ctx)
		return err
	})
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		<-ctx.Done()
		return ctx.Err()
	}
	w := &docsync.Watcher{Syncer: &docsync.Syncer{}, Sync: s.watchSync, Delay: watchDelay, OnSync: s.watched}
	return w.Watch(ctx, srcs)
}

// watchSync is the watcher's sync of src. An indexing of src that the
// person started goes first and reports the folder; this one then reads
// only what changed since.
func (s *DocumentsService) watchSync(ctx context.Context, src memory.LibrarySource) (docsync.Summary, error) {
	s.mu.Lock()
	job, running := s.jobs[src.Path]
	s.mu.Unlock()
	if running {
		select {
		case <-job.done:
		case <-ctx.Done():
			return docsync.Summary{}, ctx.Err()
		}
	}
	return s.sync(ctx, src)
}

// watched tells the window of a sync the watcher ran; a sync stopped by
// a lock or a restart is not news.
func (s *DocumentsService) watched(src memory.LibrarySource, sum docsync.Summary, err error) {
	if errors.Is(err, context.Canceled) || errors.Is(err, ErrLocked) {
		return
	}
	if src.Path == "" && err != nil { // the watch itself, not a folder
		s.events.Emit(EventDocsError, DocsFailed{Error: oneLine(err)})
		return
	}
	s.report(src, sum, err)
}

// restartWatch makes the watcher start again with the library's folders
// as they are now.
func (s *DocumentsService) restartWatch() {
	s.mu.Lock()
	if s.stopWatch != nil {
		s.stopWatch()
	}
	s.mu.Unlock()
	select {
	case s.kick <- struct{}{}:
	default:
	}
}
