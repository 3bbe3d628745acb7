package download

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// sidecar is what is known of a partial file: where it comes from and how to
// tell whether the server still has the same file.
type sidecar struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`          // strong ETag of the response that sent the bytes
	LastModified string `json:"last_modified,omitempty"` // when there is no strong ETag
	Size         int64  `json:"size,omitempty"`          // the file's full size, when known
	SHA256       string `json:"sha256,omitempty"`        // the expected digest, when known
}

func partialPath(dest string) string { return dest + ".partial" }
func sidecarPath(dest string) string { return dest + ".partial.json" }

// validator returns the value for If-Range, or "" when there is none.
func (s sidecar) validator() string {
	if s.ETag != "" {
		return s.ETag
	}
	return s.LastModified
}

// loadSidecar reads the sidecar of dest; ok is false when there is none or it
// is unreadable.
func loadSidecar(dest string) (s sidecar, ok bool) {
	b, err := os.ReadFile(sidecarPath(dest))
	if err != nil || json.Unmarshal(b, &s) != nil {
		return sidecar{}, false
	}
	return s, true
}

// save writes the sidecar of dest.
func (s sidecar) save(dest string) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	tmp := sidecarPath(dest) + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, sidecarPath(dest))
}

// removeSidecar deletes the sidecar of dest.
func removeSidecar(dest string) { os.Remove(sidecarPath(dest)) }

// syncDir flushes a directory entry change (a rename) to disk, where the
// platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(filepath.Clean(dir)); err == nil {
		d.Sync()
		d.Close()
	}
}
