package bundle

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"regexp"
	"sort"
	"strings"
)

// manifestName and signatureSuffix are the names the format keeps for
// itself at the zip's root.
const (
	manifestName    = "plugin.json"
	signatureName   = "plugin.json.minisig"
	signatureSuffix = ".minisig"
)

// entryPattern is what an entry's name may look like: plain ASCII segments
// joined by slashes, with a trailing slash for a directory.
var entryPattern = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?$`)

// entries sorts the zip's entries by role.
type entries struct {
	manifest  *zip.File
	signature *zip.File
	files     map[string]*zip.File // every regular file but the two above
}

// openZip opens the zip's central directory.
func openZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if errors.Is(err, zip.ErrInsecurePath) {
		// Go refuses these names itself under GODEBUG=zipinsecurepath=0;
		// the checks below say which name it was.
		err = nil
	}
	if err != nil {
		return nil, failCause(ErrCorrupt, err, "the plugin file is not a readable zip archive")
	}
	return zr, nil
}

// sortEntries checks every entry's name, type and method, refuses
// duplicates and overlaps, and sorts the entries by role.
func sortEntries(files []*zip.File, size int64, lim Limits) (*entries, error) {
	if len(files) > lim.MaxFiles {
		return nil, fail(ErrTooManyFiles, "the plugin holds more than %d files", lim.MaxFiles)
	}
	if err := checkOverlap(files, size); err != nil {
		return nil, err
	}
	es := &entries{files: map[string]*zip.File{}}
	seen := map[string]bool{}
	for _, f := range files {
		if err := checkEntry(f); err != nil {
			return nil, err
		}
		key := strings.ToLower(strings.TrimSuffix(f.Name, "/"))
		if seen[key] {
			return nil, fail(ErrDuplicate, "the plugin holds %q twice (case is ignored)", clip(f.Name))
		}
		seen[key] = true
		if err := es.add(f); err != nil {
			return nil, err
		}
	}
	if err := checkFileUnderFile(files); err != nil {
		return nil, err
	}
	if es.manifest == nil {
		return nil, fail(ErrNoManifest, "the plugin has no plugin.json at its root")
	}
	return es, nil
}

// checkFileUnderFile refuses a file whose folder is itself a file ("a" and
// "a/b"), which no file system could hold.
func checkFileUnderFile(files []*zip.File) error {
	regular := map[string]bool{}
	for _, f := range files {
		if !strings.HasSuffix(f.Name, "/") {
			regular[strings.ToLower(f.Name)] = true
		}
	}
	for _, f := range files {
		name := strings.ToLower(f.Name)
		for i := strings.IndexByte(name, '/'); i > 0; i = nextSlash(name, i) {
			if regular[name[:i]] {
				return fail(ErrDuplicate, "the plugin holds %q both as a file and as a folder", clip(f.Name[:i]))
			}
		}
	}
	return nil
}

// nextSlash returns the index of the next "/" in name after i, or -1.
func nextSlash(name string, i int) int {
	j := strings.IndexByte(name[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// add files one checked entry under its role.
func (es *entries) add(f *zip.File) error {
	switch {
	case f.Mode().IsDir():
		return nil
	case f.Name == manifestName:
		es.manifest = f
	case !strings.Contains(f.Name, "/") && strings.HasSuffix(f.Name, signatureSuffix):
		if es.signature != nil {
			return fail(ErrDuplicate, "the plugin holds more than one signature file")
		}
		es.signature = f
	default:
		es.files[f.Name] = f
	}
	return nil
}

// checkEntry checks one entry's name, type and method.
func checkEntry(f *zip.File) error {
	name := f.Name
	if !entryPattern.MatchString(name) {
		return fail(ErrUnsafePath, "the plugin holds a file named %q, which is not a relative path of plain ASCII names", clip(name))
	}
	for _, seg := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		if seg == "." || seg == ".." {
			return fail(ErrUnsafePath, "the plugin holds a file named %q, which climbs out of its folder", clip(name))
		}
	}
	mode := f.Mode()
	isDir := strings.HasSuffix(name, "/")
	switch {
	case isDir && (mode.Type() != fs.ModeDir || f.UncompressedSize64 != 0 || f.CompressedSize64 > 2):
		return fail(ErrNotRegular, "the plugin holds %q, a directory entry that is not a plain directory", clip(name))
	case !isDir && !mode.IsRegular():
		return fail(ErrNotRegular, "the plugin holds %q, which is a link, a directory or another special file, not a regular file", clip(name))
	case f.Flags&0x1 != 0:
		return fail(ErrCorrupt, "the plugin holds %q encrypted, which Hearth cannot read", clip(name))
	case f.Method != zip.Store && f.Method != zip.Deflate:
		return fail(ErrCorrupt, "the plugin holds %q compressed with a method other than deflate", clip(name))
	}
	return nil
}

// checkOverlap refuses entries whose data run past the end of the zip
// (size bytes) or overlap another's, the trick of zip bombs that repeat one
// compressed block under many names.
func checkOverlap(files []*zip.File, size int64) error {
	type span struct{ start, end int64 }
	spans := make([]span, 0, len(files))
	for _, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			return failCause(ErrCorrupt, err, "the plugin file is not a readable zip archive")
		}
		if f.CompressedSize64 > uint64(size) || off+int64(f.CompressedSize64) > size {
			return fail(ErrCorrupt, "the plugin's zip is cut short or its entries run past its end")
		}
		spans = append(spans, span{off, off + int64(f.CompressedSize64)})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return fail(ErrCorrupt, "the plugin's zip has entries that share their data, which a plugin never needs")
		}
	}
	return nil
}
