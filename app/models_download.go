package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/engine/catalog"
	"github.com/hearth-app/hearth/engine/download"
	"github.com/hearth-app/hearth/engine/library"
)

// DownloadProgress is the payload of EventModelsProgress.
type DownloadProgress struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Bytes       int64   `json:"bytes"`
	Total       int64   `json:"total"` // 0 when unknown
	BytesPerSec float64 `json:"bytesPerSec"`
	ETASeconds  float64 `json:"etaSeconds"` // 0 when unknown
}

// DownloadDone is the payload of EventModelsDone.
type DownloadDone struct {
	ID    string         `json:"id"`
	Name  string         `json:"name"`
	Model InstalledModel `json:"model"`
}

// DownloadFailed is the payload of EventModelsError.
type DownloadFailed struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Error     string `json:"error"`
	Cancelled bool   `json:"cancelled"`
}

// downloadJob is a running download.
type downloadJob struct {
	cancel context.CancelFunc
	last   DownloadProgress
}

// Download starts downloading a catalog model (by name) or a GGUF file (by
// http(s) URL) in the background and returns its id. Progress, the end and
// failures come as events; Cancel stops it and keeps the partial file, so
// downloading again resumes.
func (s *ModelsService) Download(ref string) (string, error) {
	name, err := downloadName(ref)
	if err != nil {
		return "", err
	}
	if !s.vault.Unlocked() {
		return "", ErrLocked
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	for id, j := range s.downloads {
		if j.last.Name == name {
			s.mu.Unlock()
			cancel()
			return id, nil // already downloading: the same download
		}
	}
	s.nextID++
	id := "dl-" + strconv.Itoa(s.nextID)
	s.downloads[id] = &downloadJob{cancel: cancel, last: DownloadProgress{ID: id, Name: name}}
	s.mu.Unlock()
	go s.runDownload(ctx, id, name, ref)
	return id, nil
}

// downloadName is the model name a download will get, or why ref cannot be
// downloaded.
func downloadName(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if u, err := url.Parse(ref); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		if !strings.HasSuffix(strings.ToLower(u.Path), ".gguf") {
			return "", fmt.Errorf("%s does not name a .gguf file", ref)
		}
		return library.NameFor(path.Base(u.Path)), nil
	}
	cat, err := catalog.Load()
	if err != nil {
		return "", err
	}
	m, ok := cat.Lookup(ref)
	if !ok {
		return "", fmt.Errorf("%q is not in Hearth's catalog", ref)
	}
	return m.Name, nil
}

// runDownload pulls ref into the library and reports how it went.
func (s *ModelsService) runDownload(ctx context.Context, id, name, ref string) {
	e, err := s.lib.Pull(ctx, ref, library.PullOptions{Progress: func(p download.Progress) {
		s.progress(id, name, p)
	}})
	s.mu.Lock()
	delete(s.downloads, id)
	s.mu.Unlock()
	switch {
	case errors.Is(err, context.Canceled):
		s.events.Emit(EventModelsError, DownloadFailed{ID: id, Name: name, Cancelled: true,
			Error: "The download was cancelled; downloading again resumes where it stopped."})
	case err != nil:
		s.events.Emit(EventModelsError, DownloadFailed{ID: id, Name: name, Error: downloadError(err)})
	default:
		s.events.Emit(EventModelsDone, DownloadDone{ID: id, Name: name, Model: installedFrom(e)})
	}
}

// progress records and sends one progress report.
func (s *ModelsService) progress(id, name string, p download.Progress) {
	dp := DownloadProgress{ID: id, Name: name, Bytes: p.Done, Total: p.Total,
		BytesPerSec: p.Speed, ETASeconds: p.ETA.Seconds()}
	s.mu.Lock()
	if j, ok := s.downloads[id]; ok {
		j.last = dp
	}
	s.mu.Unlock()
	s.events.Emit(EventModelsProgress, dp)
}

// downloadError is the sentence a failed download shows.
func downloadError(err error) string {
	if errors.Is(err, ErrLocked) {
		return "The download finished while Hearth was locked: unlock it and download again to add the model (the file is kept)."
	}
	return "The download failed: " + err.Error()
}

// Cancel stops the download id.
func (s *ModelsService) Cancel(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	j, ok := s.downloads[id]
	if !ok {
		return fmt.Errorf("there is no download %s running", id)
	}
	j.cancel()
	return nil
}

// Downloads lists the downloads running now, with their last progress (for
// a view opened in the middle of one).
func (s *ModelsService) Downloads() []DownloadProgress {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []DownloadProgress{}
	for _, j := range s.downloads {
		out = append(out, j.last)
	}
	slices.SortFunc(out, func(a, b DownloadProgress) int { return strings.Compare(a.ID, b.ID) })
	return out
}
