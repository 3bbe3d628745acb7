package library

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/catalog"
	"github.com/hearth-app/hearth/engine/download"
)

// PullOptions tune Pull.
type PullOptions struct {
	// SHA256 is the expected digest of a URL's file; for a catalog name it
	// must agree with the catalog's.
	SHA256 string
	// Name names a model pulled from a URL (default: from the file name).
	Name string
	// Progress, when not nil, receives download progress.
	Progress func(download.Progress)
}

// Pull downloads a model into the library: ref is a catalog name or an
// http(s) URL of a GGUF file. A download cut short resumes when Pull runs
// again. The file is verified (SHA-256 from the catalog, the options or the
// server) and read as GGUF before it is recorded.
func (l *Library) Pull(ctx context.Context, ref string, opts PullOptions) (Entry, error) {
	req, name, err := l.pullRequest(ref, opts)
	if err != nil {
		return Entry{}, err
	}
	if err := l.checkName(name, req.Dest); err != nil {
		return Entry{}, err
	}
	d := l.Downloader
	if d == nil {
		d = &download.Downloader{}
	}
	res, err := d.Fetch(ctx, req)
	if err != nil {
		return Entry{}, fmt.Errorf("pull %s: %w", name, err)
	}
	info, err := Inspect(res.Path)
	if err != nil {
		os.Remove(res.Path)
		return Entry{}, fmt.Errorf("pull %s: %w", name, err)
	}
	return l.add(Entry{
		Name: name, Path: res.Path, Origin: Downloaded, Size: res.Size, SHA256: res.SHA256,
		Verified: res.Verified, ServerDigest: res.ServerDigest, URL: req.URL, Added: time.Now().UTC(), Info: info,
	})
}

// pullRequest turns a reference into a download request and a model name.
// The file is saved as <name>.gguf in the library's directory, the name
// being a valid model name (no separator, no dot first), never the URL's
// own file name: decoded, that can hold "../" or, on Windows, "\".
func (l *Library) pullRequest(ref string, opts PullOptions) (download.Request, string, error) {
	req := download.Request{Progress: opts.Progress}
	if u, err := url.Parse(ref); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
		file := path.Base(u.Path)
		if !strings.HasSuffix(strings.ToLower(file), ".gguf") {
			return req, "", fmt.Errorf("pull: %s does not name a .gguf file", ref)
		}
		name := strings.ToLower(firstNonEmpty(opts.Name, NameFor(file)))
		if !ValidName(name) {
			return req, "", fmt.Errorf("pull: no valid model name comes from %q; give one with --name", file)
		}
		req.URL, req.SHA256 = ref, opts.SHA256
		req.Dest = filepath.Join(l.dir, name+".gguf")
		return req, name, nil
	}
	m, ok := l.catalog().Lookup(ref)
	if !ok {
		return req, "", fmt.Errorf("%w: %q is not in the catalog (hearth models list --available) nor a URL", engine.ErrModelNotFound, ref)
	}
	if opts.SHA256 != "" && !strings.EqualFold(opts.SHA256, m.SHA256) {
		return req, "", fmt.Errorf("pull %s: --sha256 %s differs from the catalog's %s", m.Name, opts.SHA256, m.SHA256)
	}
	name := strings.ToLower(firstNonEmpty(opts.Name, m.Name))
	if !ValidName(name) || !ValidName(strings.ToLower(m.Name)) {
		return req, "", fmt.Errorf("pull: %q is not a valid model name", name)
	}
	req.URL, req.SHA256, req.Size = m.URL, m.SHA256, m.Size
	req.HTTPSOnly, req.LoopbackHTTP = true, l.LoopbackHTTP
	req.Dest = filepath.Join(l.dir, m.FileName())
	return req, name, nil
}

// checkName fails early when name belongs to another file.
func (l *Library) checkName(name, dest string) error {
	name = strings.ToLower(name)
	if !ValidName(name) {
		return fmt.Errorf("invalid model name %q", name)
	}
	entries, err := l.List()
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name == name && e.Path != dest {
			return fmt.Errorf("pull: %w: %q is %s", ErrExists, name, e.Path)
		}
	}
	return nil
}

func (l *Library) catalog() *catalog.Catalog {
	if l.Catalog != nil {
		return l.Catalog
	}
	c, err := catalog.Load()
	if err != nil {
		return &catalog.Catalog{}
	}
	return c
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
