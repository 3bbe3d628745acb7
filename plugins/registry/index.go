package registry

import (
	"net/url"
	"regexp"
	"time"

	"aead.dev/minisign"
	"github.com/Masterminds/semver/v3"
	"github.com/hearth-app/hearth/plugins/internal/display"
	"github.com/hearth-app/hearth/plugins/internal/strictjson"
	"github.com/hearth-app/hearth/plugins/manifest"
)

// Index is the registry's index.json.
type Index struct {
	Serial  uint64    `json:"serial"`  // grows with every published index
	Expires time.Time `json:"expires"` // RFC 3339; an index past it is refused
	Plugins []Entry   `json:"plugins"`
}

// Entry is one plugin in the index.
type Entry struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Author      string    `json:"author"`
	PublicKey   string    `json:"public_key"` // the author's minisign key, which signs every version
	Versions    []Version `json:"versions"`
}

// Version is one published version of a plugin.
type Version struct {
	Version   string `json:"version"`
	URL       string `json:"url"`
	SHA256    string `json:"sha256"` // of the plugin file
	Size      int64  `json:"size"`   // of the plugin file, in bytes
	MinHearth string `json:"min_hearth,omitempty"`
	Yanked    string `json:"yanked,omitempty"`  // why it is no longer offered
	Revoked   string `json:"revoked,omitempty"` // why it must be disabled where installed
}

// Bounds on an index.
const (
	MaxIndex       = 8 << 20
	maxPlugins     = 10000
	maxVersions    = 1000
	maxPluginSize  = 64 << 20
	maxURL         = 2048
	maxName        = 64
	maxAuthor      = 128
	maxDescription = 2000
	maxReason      = 500
)

var sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// parse reads index.json strictly and checks every entry. It runs only on
// bytes whose signature has been checked, and under FuzzVerify.
func parse(data []byte) (*Index, error) {
	var ix Index
	if err := strictjson.Decode(data, MaxIndex, &ix); err != nil {
		return nil, failCause(ErrMalformed, err, "the registry index is malformed: %v", err)
	}
	if err := ix.check(); err != nil {
		return nil, err
	}
	return &ix, nil
}

// check checks the index past its JSON form.
func (ix *Index) check() error {
	if ix.Expires.IsZero() {
		return malformed("it has no expiry date")
	}
	if len(ix.Plugins) > maxPlugins {
		return malformed("it lists more than %d plugins", maxPlugins)
	}
	seen := map[string]bool{}
	for _, e := range ix.Plugins {
		if seen[e.ID] {
			return malformed("it lists the plugin %q twice", e.ID)
		}
		seen[e.ID] = true
		if err := e.check(); err != nil {
			return err
		}
	}
	return nil
}

// check checks one plugin entry.
func (e Entry) check() error {
	if !manifest.ValidID(e.ID) {
		return malformed("the plugin id %q is not valid", clip(e.ID))
	}
	if e.Name == "" {
		return malformed("the plugin %q has no name", e.ID)
	}
	texts := []struct {
		field, value string
		max          int
		multiline    bool
	}{{"name", e.Name, maxName, false}, {"author", e.Author, maxAuthor, false}, {"description", e.Description, maxDescription, true}}
	for _, t := range texts {
		if problem := display.Check(t.value, t.max, t.multiline); problem != "" {
			return malformed("the %s of plugin %q %s", t.field, e.ID, problem)
		}
	}
	var key minisign.PublicKey
	if len(e.PublicKey) > 128 || key.UnmarshalText([]byte(e.PublicKey)) != nil {
		return malformed("the plugin %q has no valid minisign public key", e.ID)
	}
	return e.checkVersions()
}

// checkVersions checks the versions of one plugin.
func (e Entry) checkVersions() error {
	if len(e.Versions) == 0 || len(e.Versions) > maxVersions {
		return malformed("the plugin %q lists no versions or more than %d", e.ID, maxVersions)
	}
	seen := map[string]bool{}
	for _, v := range e.Versions {
		sv, err := semver.StrictNewVersion(v.Version)
		if err != nil || len(v.Version) > 64 {
			return malformed("the plugin %q lists the version %q, which is not a semantic version like 1.2.0", e.ID, clip(v.Version))
		}
		if seen[sv.String()] {
			return malformed("the plugin %q lists version %s twice", e.ID, v.Version)
		}
		seen[sv.String()] = true
		if err := v.check(e.ID); err != nil {
			return err
		}
	}
	return nil
}

// check checks one version past its number.
func (v Version) check(id string) error {
	if err := checkPluginURL(v.URL); err != nil {
		return malformed("the URL of %s %s is not an https URL", id, v.Version)
	}
	if !sha256Pattern.MatchString(v.SHA256) {
		return malformed("the sha256 of %s %s is not 64 lower-case hex digits", id, v.Version)
	}
	if v.Size <= 0 || v.Size > maxPluginSize {
		return malformed("the size of %s %s is not between 1 byte and 64 MiB", id, v.Version)
	}
	if v.MinHearth != "" {
		if _, err := semver.StrictNewVersion(v.MinHearth); err != nil {
			return malformed("the min_hearth of %s %s is not a semantic version", id, v.Version)
		}
	}
	for _, reason := range []string{v.Yanked, v.Revoked} {
		if problem := display.Check(reason, maxReason, false); problem != "" {
			return malformed("a reason given for %s %s %s", id, v.Version, problem)
		}
	}
	return nil
}

// checkPluginURL checks where a plugin file is downloaded from: the rule
// Fetch applies to the index.
func checkPluginURL(raw string) error {
	if len(raw) > maxURL {
		return fail(ErrURL, "the URL is longer than %d bytes", maxURL)
	}
	return CheckURL(raw)
}

// CheckURL reports whether Hearth may download from raw: an https URL, or
// plain http to 127.0.0.1 (tests and local mirrors), without user
// information.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.User != nil || u.Host == "" || u.Opaque != "" {
		return fail(ErrURL, "%q is not a plain https URL", clip(raw))
	}
	if u.Scheme == "https" || u.Scheme == "http" && u.Hostname() == "127.0.0.1" {
		return nil
	}
	return fail(ErrURL, "%q is not an https URL (plain http is allowed only to 127.0.0.1)", clip(raw))
}

// malformed builds an ErrMalformed failure.
func malformed(format string, args ...any) error {
	return fail(ErrMalformed, "the registry index is malformed: "+format, args...)
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
