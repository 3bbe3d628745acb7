package library

import (
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Origin says how a model came into the library.
type Origin string

// The origins of models.
const (
	// Downloaded models live in the library's directory; removing one
	// deletes its file.
	Downloaded Origin = "downloaded"
	// Imported models are used where they lie; removing one only forgets it.
	Imported Origin = "imported"
	// Path is a file named directly by its path, not recorded in the library.
	Path Origin = "path"
)

// Entry is one model the library knows.
type Entry struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Origin Origin `json:"origin"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256,omitempty"` // known for downloads
	// Verified: the file matched a digest pinned in the catalog or given
	// with --sha256. ServerDigest: it matched only the digest the server
	// reported about its own file, which is no independent verification.
	Verified     bool      `json:"verified,omitempty"`
	ServerDigest bool      `json:"server_digest,omitempty"`
	URL          string    `json:"url,omitempty"`
	Added        time.Time `json:"added"`
	Info
	// Missing is set by List and Resolve when the file is no longer there.
	Missing bool `json:"missing,omitempty"`
}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,79}$`)

// ValidName reports whether name can name a model: lower-case letters,
// digits, '.', '_' and '-', starting with a letter or digit.
func ValidName(name string) bool { return nameRE.MatchString(name) }

// NameFor suggests a model name for a file or title: lower case, with runs
// of other characters turned into '-'. "Qwen2.5-0.5B-Instruct-Q4_K_M.gguf"
// becomes "qwen2.5-0.5b-instruct-q4_k_m".
func NameFor(s string) string {
	s = filepath.Base(s)
	if strings.HasSuffix(strings.ToLower(s), ".gguf") {
		s = s[:len(s)-len(".gguf")]
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		ok := (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '.' || r == '_' || r == '-'
		if !ok {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		b.WriteRune(r)
		dash = r == '-'
	}
	name := strings.Trim(b.String(), "-._")
	if len(name) > 80 {
		name = name[:80]
	}
	return name
}
