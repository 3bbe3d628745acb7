package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
	"github.com/hearth-app/hearth/memory/ingest"
)

// Events of the document library.
const (
	EventDocsProgress = "docs:progress" // a folder's indexing moved: DocsProgress
	EventDocsDone     = "docs:done"     // a folder is indexed and searchable: DocsDone
	EventDocsError    = "docs:error"    // a folder's indexing stopped: DocsFailed
)

// DocsProgress is a folder's indexing progress, for the window.
type DocsProgress struct {
	Folder string `json:"folder"`
	docsync.Progress
	FilesPerSecond float64 `json:"filesPerSecond"`
	SecondsLeft    float64 `json:"secondsLeft"`
}

// DocsDone says a folder's indexing finished.
type DocsDone struct {
	Folder  string          `json:"folder"`
	Summary docsync.Summary `json:"summary"`
}

// DocsFailed says why a folder's indexing stopped.
type DocsFailed struct {
	Folder string `json:"folder"`
	Error  string `json:"error"`
}

// DocumentsService is bound to the window: the folders of the document
// library, their indexing in the background with progress events, each
// file's status, and search.
type DocumentsService struct {
	vault  *Vault
	events Events

	mu   sync.Mutex
	jobs map[string]docsJob // running indexing, by folder
	wg   sync.WaitGroup
}

// docsJob is one folder's indexing running in the background.
type docsJob struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when it has ended
}

// NewDocumentsService returns the document library service over the vault.
func NewDocumentsService(vault *Vault, events Events) *DocumentsService {
	return &DocumentsService{vault: vault, events: events, jobs: map[string]docsJob{}}
}

// FolderStatus is one library folder with its files counted by status
// and the files that failed or hold no text, with why.
type FolderStatus struct {
	Path     string                `json:"path"`
	Files    int                   `json:"files"`
	ByStatus map[ingest.Status]int `json:"byStatus"`
	Chunks   int                   `json:"chunks"`
	Problems []fileProblem         `json:"problems"`
	Indexing bool                  `json:"indexing"`
}

// Folders lists the library's folders with their status.
func (s *DocumentsService) Folders() ([]FolderStatus, error) {
	ctx := context.Background()
	out := []FolderStatus{}
	err := s.vault.Use(func(st *memory.Store) error {
		srcs, err := st.Sources(ctx)
		if err != nil {
			return err
		}
		for _, src := range srcs {
			files, err := st.FileStates(ctx, src.ID)
			if err != nil {
				return err
			}
			sum := summarise(src, files)
			out = append(out, FolderStatus{Path: sum.Path, Files: sum.Files, ByStatus: sum.ByStatus, Chunks: sum.Chunks,
				Problems: sum.Problems, Indexing: s.indexing(src.Path)})
		}
		return nil
	})
	return out, err
}

// DocFile is one file of a folder as the status list shows it.
type DocFile struct {
	Path   string        `json:"path"`
	Status ingest.Status `json:"status"`
	Reason string        `json:"reason,omitempty"`
	Chunks int           `json:"chunks"`
}

// Files lists a folder's files, by path; status, when not "", keeps
// only the files with that status ("failed", "no_text", ...).
func (s *DocumentsService) Files(folder string, status string) ([]DocFile, error) {
	ctx := context.Background()
	out := []DocFile{}
	err := s.vault.Use(func(st *memory.Store) error {
		src, err := st.SourceByPath(ctx, folder)
		if err != nil {
			return notInLibrary(err, folder)
		}
		files, err := st.FileStates(ctx, src.ID)
		if err != nil {
			return err
		}
		for _, f := range files {
			if status == "" || string(f.Status) == status {
				out = append(out, DocFile{Path: f.Path, Status: f.Status, Reason: f.Reason, Chunks: f.Chunks})
			}
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

// AddFolder adds a folder to the library and starts indexing it in the
// background (progress comes as events); adding a folder already there
// indexes what changed in it.
func (s *DocumentsService) AddFolder(path string) error {
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
	s.start(src)
	return nil
}

// start runs src's indexing in the background unless it already runs.
func (s *DocumentsService) start(src memory.LibrarySource) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.jobs[src.Path]; ok {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	job := docsJob{cancel: cancel, done: make(chan struct{})}
	s.jobs[src.Path] = job
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(job.done)
		sum, err := s.index(ctx, src)
		s.finished(src.Path)
		s.report(src, sum, err) // once Folders no longer says indexing
	}()
}

// index syncs src, sending progress as events.
func (s *DocumentsService) index(ctx context.Context, src memory.LibrarySource) (docsync.Summary, error) {
	var sum docsync.Summary
	err := s.vault.Use(func(st *memory.Store) error {
		y := &docsync.Syncer{Store: st, Progress: func(p docsync.Progress) {
			s.events.Emit(EventDocsProgress, DocsProgress{Folder: src.Path, Progress: p,
				FilesPerSecond: p.FilesPerSecond(), SecondsLeft: p.Left().Seconds()})
		}}
		var err error
		sum, err = y.Sync(ctx, src)
		return err
	})
	return sum, err
}

// report sends the outcome of src's indexing as an event.
func (s *DocumentsService) report(src memory.LibrarySource, sum docsync.Summary, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		s.events.Emit(EventDocsError, DocsFailed{Folder: src.Path, Error: "indexing was stopped; adding the folder again resumes it"})
	case err != nil:
		s.events.Emit(EventDocsError, DocsFailed{Folder: src.Path, Error: oneLine(err)})
	default:
		s.events.Emit(EventDocsDone, DocsDone{Folder: src.Path, Summary: sum})
	}
}

func (s *DocumentsService) finished(folder string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if job, ok := s.jobs[folder]; ok {
		job.cancel()
		delete(s.jobs, folder)
	}
}

func (s *DocumentsService) indexing(folder string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.jobs[folder]
	return ok
}

// StopIndexing stops a folder's indexing and waits for it to end; what
// is done stays searchable.
func (s *DocumentsService) StopIndexing(folder string) {
	s.mu.Lock()
	job, ok := s.jobs[folder]
	s.mu.Unlock()
	if ok {
		job.cancel()
		<-job.done
	}
}

// RemoveFolder stops a folder's indexing and removes it, with everything
// indexed from it, from the library.
func (s *DocumentsService) RemoveFolder(folder string) error {
	s.StopIndexing(folder)
	return s.vault.Use(func(st *memory.Store) error {
		src, err := st.SourceByPath(context.Background(), folder)
		if err != nil {
			return notInLibrary(err, folder)
		}
		return st.RemoveSource(context.Background(), src.ID)
	})
}

// DocResult is one search result for the window.
type DocResult struct {
	Path     string          `json:"path"`
	Score    float64         `json:"score"`
	Snippet  string          `json:"snippet"`
	Location memory.Location `json:"location"`
}

// Search finds up to k passages of the library's documents for query.
func (s *DocumentsService) Search(query string, k int) ([]DocResult, error) {
	if k <= 0 || k > 100 {
		k = 10
	}
	out := []DocResult{}
	err := s.vault.Use(func(st *memory.Store) error {
		hits, err := st.SearchDocuments(context.Background(), query, k)
		for _, h := range hits {
			out = append(out, DocResult{Path: h.Path, Score: h.Score, Snippet: h.Snippet, Location: h.Location})
		}
		return err
	})
	return out, err
}

// Close stops every indexing and waits for it (the window is closing).
func (s *DocumentsService) Close() {
	s.mu.Lock()
	for _, job := range s.jobs {
		job.cancel()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func notInLibrary(err error, folder string) error {
	if errors.Is(err, memory.ErrNotFound) {
		return fmt.Errorf("%s is not in the library", folder)
	}
	return err
}
