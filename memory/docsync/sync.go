package docsync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/ingest"
)

// Syncer brings the library's record of a folder in step with the
// folder. The zero value is not usable: Store is required.
type Syncer struct {
	// Store is the open library.
	Store *memory.Store
	// Parse reads a file's chunks. When nil, each Sync reads with an
	// ingest.Parser of its own: every format ingest knows (text, Markdown,
	// code, HTML, PDF, DOCX, ODT, EPUB, CSV, e-mail).
	Parse Parser
	// Ignore leaves paths out. When nil, the folder's own rules apply:
	// IgnoreRules (ingest's defaults and its .hearthignore files).
	Ignore Ignore
	// CacheDir keeps compiled parsers (the PDF engine, no user data)
	// between runs, so only the first run pays for compiling them; the
	// user's cache folder (hearth/parsers in os.UserCacheDir) when "".
	CacheDir string
	// Workers is how many files are read at once; the number of CPUs
	// when 0.
	Workers int
	// Progress, when set, is called after each file read, from one
	// goroutine at a time.
	Progress func(Progress)
	// BatchBytes is how much chunk text a worker holds before it
	// commits a part of a large file; 8 MiB when 0.
	BatchBytes int
}

// Summary counts what one Sync did.
type Summary struct {
	Seen      int `json:"seen"`
	Unchanged int `json:"unchanged"`
	Read      int `json:"read"`
	Touched   int `json:"touched"` // same content, new size or time
	Moved     int `json:"moved"`
	Removed   int `json:"removed"`
	Failed    int `json:"failed"`
}

// Sync walks src's folder and records every change since the last run.
// Each file is committed on its own, so a cancelled or killed run keeps
// what it finished and the next run reads only the rest. It fails only
// when the folder itself cannot be read (then it changes nothing) or
// vanishes during the run, or when ctx ends or the store fails.
func (y *Syncer) Sync(ctx context.Context, src memory.LibrarySource) (Summary, error) {
	known, err := y.Store.FileStates(ctx, src.ID)
	if err != nil {
		return Summary{}, err
	}
	ignore, err := y.ignoreFor(src.Path)
	if err != nil {
		return Summary{}, err
	}
	w, err := walk(ctx, src.Path, ignore)
	if err != nil {
		return Summary{}, err
	}
	parse, done := y.parser()
	defer done()
	r := &run{y: y, src: src, parse: parse, known: map[string]memory.FileState{}, gone: map[string][]memory.FileState{}}
	for _, k := range known {
		r.known[k.Path] = k
	}
	r.sum.Seen = len(w.entries)
	todo, err := r.plan(ctx, w)
	if err != nil {
		return r.sum, err
	}
	if err := r.readAll(ctx, todo); err != nil {
		return r.sum, err
	}
	return r.sum, r.removeGone(ctx)
}

// ignoreFor returns the rules a walk of root follows.
func (y *Syncer) ignoreFor(root string) (Ignore, error) {
	if y.Ignore != nil {
		return y.Ignore, nil
	}
	return IgnoreRules(root)
}

func (y *Syncer) batchBytes() int {
	if y.BatchBytes > 0 {
		return y.BatchBytes
	}
	return 8 << 20
}

// cacheDir returns where compiled parsers are kept: "" (none) when there
// is no cache folder.
func (y *Syncer) cacheDir() string {
	if y.CacheDir != "" {
		return y.CacheDir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "hearth", "parsers")
}

// parser returns the Parser of one run and what ends it.
func (y *Syncer) parser() (Parser, func()) {
	if y.Parse != nil {
		return y.Parse, func() {}
	}
	p := ingest.NewParser(ingest.Options{CacheDir: y.cacheDir()})
	return p.Parse, func() { _ = p.Close() }
}

// run is the state of one Sync.
type run struct {
	y     *Syncer
	src   memory.LibrarySource
	parse Parser
	known map[string]memory.FileState // by path, before the run

	batch  *batcher
	cancel context.CancelCauseFunc // stops the run's workers

	mu   sync.Mutex
	gone map[string][]memory.FileState // files not seen, by content hash: move sources
	sum  Summary
	prog progress
}

// plan records the walk's own outcomes, finds the files to read and the
// files that are gone (by hash, so a read can claim one as a move).
func (r *run) plan(ctx context.Context, w walkResult) ([]entry, error) {
	seen := map[string]bool{}
	var todo []entry
	for _, e := range w.entries {
		seen[e.path] = true
		k, ok := r.known[e.path]
		switch {
		case e.outcome != nil:
			if ok && k.Status == e.outcome.Status && k.Reason == e.outcome.Reason {
				r.sum.Unchanged++
				continue
			}
			st := memory.FileState{SourceID: r.src.ID, Path: e.path, Status: e.outcome.Status, Reason: e.outcome.Reason}
			if _, err := r.y.Store.PutFile(ctx, st, nil); err != nil {
				return nil, err
			}
		case ok && k.Size == e.size && k.ModTime == e.modTime:
			r.sum.Unchanged++
		default:
			todo = append(todo, e)
		}
	}
	for path, k := range r.known {
		if !seen[path] && !under(path, w.blind) {
			r.gone[k.Hash] = append(r.gone[k.Hash], k)
		}
	}
	return todo, nil
}

// readAll reads the files of todo with a bounded pool of workers.
func (r *run) readAll(ctx context.Context, todo []entry) error {
	r.prog.start(len(todo), todo)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	r.cancel = cancel
	r.batch = newBatcher(ctx, r)
	jobs := make(chan entry)
	var wg sync.WaitGroup
	for range r.workers(len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range jobs {
				if err := r.one(ctx, e); err != nil {
					cancel(err)
				}
			}
		}()
	}
feed:
	for _, e := range todo {
		select {
		case jobs <- e:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := r.batch.close(); err != nil {
		return err
	}
	return context.Cause(ctx)
}

func (r *run) workers(n int) int {
	w := r.y.Workers
	if w <= 0 {
		w = runtime.NumCPU()
	}
	return max(1, min(w, n))
}

// one brings one new or changed file up to date.
func (r *run) one(ctx context.Context, e entry) error {
	if ctx.Err() != nil {
		return nil
	}
	hash, err := HashFile(e.path)
	if err != nil {
		return r.unreadable(ctx, e, err)
	}
	if k, ok := r.known[e.path]; ok && k.Hash == hash && k.Status != ingest.Failed {
		_, err := r.y.Store.MoveFile(ctx, k.ID, memory.FileState{Path: e.path, Size: e.size, ModTime: e.modTime})
		r.done(e, func(s *Summary) { s.Touched++ })
		return err
	}
	if from, ok := r.claimMove(e.path, hash); ok {
		_, err := r.y.Store.MoveFile(ctx, from.ID, memory.FileState{Path: e.path, Size: e.size, ModTime: e.modTime})
		r.done(e, func(s *Summary) { s.Moved++ })
		return err
	}
	return r.read(ctx, e, hash)
}

// read parses a file and commits its chunks: with other files in a
// batch, or for a large file in parts of about Syncer.BatchBytes, so
// that memory stays bounded whatever the file's size. A file that
// changed while it was read is recorded as failed with no time, so the
// next run reads it again. A run cancelled mid-file commits nothing
// more of it; parts already committed stay marked unfinished.
func (r *run) read(ctx context.Context, e entry, hash string) error {
	c := &committer{store: r.y.Store, limit: r.y.batchBytes(),
		st: memory.FileState{SourceID: r.src.ID, Path: e.path, Size: e.size, ModTime: e.modTime, Hash: hash}}
	out := r.parse(ctx, e.path, func(ch ingest.Chunk) error { return c.add(ctx, ch) })
	if c.err != nil || ctx.Err() != nil {
		return c.err
	}
	st := c.st
	st.Status, st.Reason = out.Status, out.Reason
	after, err := os.Stat(e.path)
	if err != nil && errors.Is(err, fs.ErrNotExist) {
		if _, rootErr := os.Stat(r.src.Path); rootErr != nil {
			return fmt.Errorf("the folder %s disappeared during the scan: %w", r.src.Path, rootErr)
		}
	}
	if err != nil || after.Size() != e.size || after.ModTime().UnixNano() != e.modTime {
		st.Status, st.Reason, st.ModTime = ingest.Failed, "the file changed while it was being read; it is read again at the next scan", 0
	}
	count := func(s *Summary) {
		s.Read++
		if st.Status == ingest.Failed {
			s.Failed++
		}
	}
	if put, whole := c.whole(st); whole {
		r.batch.submit(ctx, pendingFile{put: put, e: e, count: count})
		return nil
	}
	if _, err := c.finish(ctx, st); err != nil {
		return err
	}
	r.done(e, count)
	return nil
}

// unreadable records a file that could not be opened. A file deleted
// since the walk is left to the removal of gone files; a folder that
// vanished (an unplugged drive) stops the run without recording anything.
func (r *run) unreadable(ctx context.Context, e entry, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		if _, rootErr := os.Stat(r.src.Path); rootErr != nil {
			return fmt.Errorf("the folder %s disappeared during the scan: %w", r.src.Path, rootErr)
		}
		if k, ok := r.known[e.path]; ok {
			r.mu.Lock()
			r.gone[k.Hash] = append(r.gone[k.Hash], k)
			r.mu.Unlock()
		}
		r.done(e, func(*Summary) {})
		return nil
	}
	st := memory.FileState{SourceID: r.src.ID, Path: e.path, Size: e.size, ModTime: e.modTime,
		Status: ingest.Failed, Reason: "the file could not be read: " + reason(err)}
	_, perr := r.y.Store.PutFile(ctx, st, nil)
	r.done(e, func(s *Summary) { s.Failed++ })
	return perr
}

// claimMove takes a gone file with the same content as path's, if any.
func (r *run) claimMove(path, hash string) (memory.FileState, bool) {
	if _, ok := r.known[path]; ok || hash == "" {
		return memory.FileState{}, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, k := range r.gone[hash] {
		if k.Status == ingest.Indexed {
			r.gone[hash] = append(r.gone[hash][:i], r.gone[hash][i+1:]...)
			return k, true
		}
	}
	return memory.FileState{}, false
}

// removeGone forgets the files that are gone and were not moved.
func (r *run) removeGone(ctx context.Context) error {
	for _, files := range r.gone {
		for _, k := range files {
			if err := r.y.Store.RemoveFile(ctx, k.ID); err != nil && !errors.Is(err, memory.ErrNotFound) {
				return err
			}
			r.sum.Removed++
		}
	}
	return nil
}

// done counts a finished file and reports progress.
func (r *run) done(e entry, count func(*Summary)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	count(&r.sum)
	p := r.prog.add(e.size)
	if r.y.Progress != nil {
		r.y.Progress(p)
	}
}

// HashFile returns the hex SHA-256 of a file's content, streaming: the
// hash a sync records in a file's state, by which a citation is checked.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
