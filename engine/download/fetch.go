package download

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// Downloader fetches model files. The zero value is ready to use.
type Downloader struct {
	// Client sends the requests; nil means a client with no overall timeout
	// (a model takes as long as it takes) that honours the proxy settings of
	// the environment.
	Client *http.Client
	// FreeSpace reports free disk space; nil means the real one (statfs).
	FreeSpace SpaceFunc
	// Stall fails an attempt when no byte arrives for this long; 0 means one
	// minute.
	Stall time.Duration
}

// Fetch downloads req.URL to req.Dest, resuming an earlier partial download
// of the same file when the server allows it. When the destination already
// holds the expected file, nothing is downloaded. Cancelling ctx stops the
// download and keeps the partial file for the next attempt.
func (d *Downloader) Fetch(ctx context.Context, req Request) (Result, error) {
	if err := req.check(); err != nil {
		return Result{}, err
	}
	name := filepath.Base(req.Dest)
	if err := os.MkdirAll(filepath.Dir(req.Dest), 0o755); err != nil {
		return Result{}, fmt.Errorf("download %s: %w", name, err)
	}
	p, err := openPartial(req.Dest)
	if err != nil {
		return Result{}, fmt.Errorf("download %s: %w", name, err)
	}
	defer p.close()
	if res, ok := existing(req); ok {
		// A sidecar (or partial file) beside a complete destination is what
		// a crash between the commit's rename and its cleanup leaves.
		p.discard()
		return res, nil
	}
	res, err := d.fetch(ctx, &job{req: req, p: p})
	if err != nil {
		if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
			err = fmt.Errorf("%w (%w)", ctx.Err(), err)
		}
		return Result{}, fmt.Errorf("download %s: %w", name, err)
	}
	return res, nil
}

// existing reports whether req.Dest already holds the file: with the
// expected digest when there is one, the expected size when there is one.
func existing(req Request) (Result, bool) {
	fi, err := os.Stat(req.Dest)
	if err != nil || !fi.Mode().IsRegular() || (req.Size > 0 && fi.Size() != req.Size) {
		return Result{}, false
	}
	res := Result{Path: req.Dest, Size: fi.Size(), Existing: true}
	if req.SHA256 == "" {
		return res, true
	}
	sum, err := fileSHA256(req.Dest)
	if err != nil || sum != req.SHA256 {
		return Result{}, false
	}
	res.SHA256, res.Verified = sum, true
	return res, true
}

// job is one download under way.
type job struct {
	req  Request
	p    *partial
	meta sidecar
	max  int64 // the most bytes the file may have
}

// fetch runs one download into j.p.
func (d *Downloader) fetch(ctx context.Context, j *job) (Result, error) {
	offset, err := j.resumePoint()
	if err != nil {
		return Result{}, err
	}
	if offset > 0 && offset == j.meta.Size {
		// Everything arrived last time; only the check and rename are left.
		return j.finish(newHashFrom(j.p.f, offset), offset, offset)
	}
	actx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	resp, digest, err := d.get(actx, j.req, j.meta, offset)
	if err != nil {
		return Result{}, err
	}
	defer resp.Body.Close()
	start, total, err := accept(resp, j.req, j.meta, offset)
	if errors.Is(err, errRestart) && offset > 0 {
		resp.Body.Close()
		if err := j.p.reset(); err != nil {
			return Result{}, err
		}
		j.meta = sidecar{}
		return d.fetch(ctx, j)
	}
	if err != nil {
		return Result{}, err
	}
	j.meta = sidecar{URL: j.req.URL, Size: total, SHA256: firstNonEmpty(j.req.SHA256, digest)}
	j.meta.ETag, j.meta.LastModified = validators(resp)
	if err := d.prepare(j, start); err != nil {
		return Result{}, err
	}
	return d.receive(ctx, attempt{actx, stop}, j, resp.Body, start)
}

// attempt is the context of one request, which a stalled body cancels.
type attempt struct {
	ctx  context.Context
	stop context.CancelCauseFunc
}

// resumePoint returns where the partial file can resume from, loading its
// sidecar, or 0 after emptying it when it cannot.
func (j *job) resumePoint() (int64, error) {
	n, err := j.p.size()
	if err != nil {
		return 0, err
	}
	meta, ok := loadSidecar(j.req.Dest)
	usable := ok && n > 0 && meta.URL == j.req.URL && meta.validator() != "" &&
		(j.req.SHA256 == "" || meta.SHA256 == "" || meta.SHA256 == j.req.SHA256) &&
		(meta.Size == 0 || n <= meta.Size)
	if !usable {
		return 0, j.p.reset()
	}
	if j.req.SHA256 != "" {
		meta.SHA256 = j.req.SHA256
	}
	j.meta = meta
	return n, nil
}

// prepare readies the partial file for bytes from start on: emptied when the
// server sent the whole file, space checked, sidecar saved.
func (d *Downloader) prepare(j *job, start int64) error {
	if start == 0 {
		if err := j.p.reset(); err != nil {
			return err
		}
	}
	if err := checkSpace(d.space(), filepath.Dir(j.req.Dest), j.meta.Size-start); err != nil {
		return err
	}
	j.max = j.req.limit()
	if j.meta.Size == 0 {
		// Nobody says how large the file is: it may take the free space.
		if avail, err := d.space()(filepath.Dir(j.req.Dest)); err == nil && avail < uint64(j.max-start)+headroom {
			j.max = start + max(int64(avail)-headroom, 0)
		}
	}
	if err := j.meta.save(j.req.Dest); err != nil {
		return err
	}
	_, err := j.p.f.Seek(start, io.SeekStart)
	return err
}

// receive writes the body into the partial file from start on, hashing and
// metering, then checks and commits the file.
func (d *Downloader) receive(ctx context.Context, at attempt, j *job, body io.Reader, start int64) (Result, error) {
	h := newHashFrom(j.p.f, start)
	if h == nil {
		return Result{}, errors.New("cannot read back the partial file")
	}
	body, err := checkMagic(body, j.p.f, start)
	if err != nil {
		j.p.discard()
		return Result{}, err
	}
	m := newMeter(j.req.Progress, start, j.meta.Size)
	n, err := d.copy(at.ctx, at.stop, io.MultiWriter(j.p.f, h, countingWriter{m}), capBody(body, start, j.max))
	if errors.Is(err, ErrSize) {
		j.p.discard()
		return Result{}, err
	}
	if err != nil {
		return Result{}, interrupted(ctx, err, start+n, j.meta.Size)
	}
	m.finish()
	return j.finish(h, start+n, start)
}

// finish checks size and digest of the complete partial file and renames it
// to the destination.
func (j *job) finish(h hash.Hash, size, resumed int64) (Result, error) {
	if h == nil {
		return Result{}, errors.New("cannot read back the partial file")
	}
	want := j.meta.Size
	if j.req.Size > 0 {
		want = j.req.Size
	}
	if want > 0 && size != want {
		j.p.discard()
		return Result{}, fmt.Errorf("%w: got %d bytes, want %d", ErrSize, size, want)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if j.meta.SHA256 != "" && sum != j.meta.SHA256 {
		j.p.discard()
		return Result{}, fmt.Errorf("%w: the file's SHA-256 is %s, want %s; it was deleted", ErrChecksum, sum, j.meta.SHA256)
	}
	if err := j.p.commit(); err != nil {
		return Result{}, err
	}
	pinned := j.req.SHA256 != ""
	return Result{Path: j.req.Dest, SHA256: sum, Size: size, Resumed: resumed,
		Verified: pinned, ServerDigest: !pinned && j.meta.SHA256 != ""}, nil
}

// interrupted describes a body that stopped early: a cancelled ctx, or a
// broken connection that a new attempt can resume.
func interrupted(ctx context.Context, err error, done, total int64) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	at := Bytes(done)
	if total > 0 {
		at += " of " + Bytes(total)
	}
	return fmt.Errorf("%w at %s (%w); run it again to resume", ErrInterrupted, at, err)
}

func (d *Downloader) space() SpaceFunc {
	if d.FreeSpace != nil {
		return d.FreeSpace
	}
	return FreeSpace
}

// newHashFrom returns a SHA-256 already fed with the first n bytes of f, or
// nil when they cannot be read.
func newHashFrom(f *os.File, n int64) hash.Hash {
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, n)); err != nil {
		return nil
	}
	return h
}

// fileSHA256 returns the hex SHA-256 of the file at path.
func fileSHA256(path string) (string, error) {
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

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
