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
	Folder         string  `json:"folder"`
	FilesDone      int     `json:"filesDone"`
	FilesTotal     int     `json:"filesTotal"`
	BytesDone      int64   `json:"bytesDone"`
	BytesTotal     int64   `json:"bytesTotal"`
	FilesPerSecond float64 `json:"filesPerSecond"`
	SecondsLeft    float64 `json:"secondsLeft"` // 0 until the rate is known
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
	vault   *Vault
	events  Events
	dialogs dialogs

	mu        sync.Mutex
	jobs      map[string]docsJob // running indexing, by folder
	wg        sync.WaitGroup
	syncMu    sync.Mutex         // one sync at a time, whether asked for or the watcher's
	stopWatch context.CancelFunc // ends the running watcher (to restart it with new folders)
	kick      chan struct{}      // wakes a watcher that could not start
	chat      *generations       // chat answers the embedding pass gives way to; nil: none
}

// docsJob is one folder's indexing running in the background.
type docsJob struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when it has ended
}

// yieldTo makes the embedding pass pause while chat generates an
// answer. Call it before the store is first unlocked.
func (s *DocumentsService) yieldTo(chat *ChatService) { s.chat = chat.generating }

// NewDocumentsService returns the document library service over the
// vault. It watches the library's folders whenever the store is unlocked.
func NewDocumentsService(vault *Vault, events Events, dlg dialogs) *DocumentsService {
	s := &DocumentsService{vault: vault, events: events, dialogs: dlg, jobs: map[string]docsJob{},
		kick: make(chan struct{}, 1)}
	vault.OnUnlock(s.watch)
	return s
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
	defer s.restartWatch()
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
		hits, err := st.SearchLibrary(context.Background(), query, k)
		for _, h := range hits {
			out = append(out, DocResult{Path: h.Path, Score: h.Score, Snippet: h.Snippet, Location: h.Location})
		}
		return err
	})
	return out, err
}

// close stops every indexing and waits for it (the window is closing).
func (s *DocumentsService) close() {
	s.mu.Lock()
	for _, job := range s.jobs {
		job.cancel()
	}
	if s.stopWatch != nil {
		s.stopWatch()
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
