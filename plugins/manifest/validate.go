package manifest

import (
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"aead.dev/minisign"
	"github.com/Masterminds/semver/v3"
)

// Bounds on what a manifest may hold. They are generous for a real plugin
// and keep a hostile one from costing much to read or show.
const (
	MaxFiles          = 254 // listed files; the zip adds plugin.json and its signature
	maxPath           = 255
	maxName           = 64
	maxAuthor         = 128
	maxLicense        = 64
	maxDescription    = 2000
	maxReason         = 500
	maxVersion        = 64
	maxHosts          = 32
	maxTools          = 64
	maxToolDesc       = 2000
	maxSchema         = 16 << 10
	maxPublicKeyChars = 128
)

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,63}$`)
	toolNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)
	pathPattern     = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$`)
	sha256Pattern   = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// Validate checks every field of m and returns the first problem it finds,
// as one sentence wrapping ErrInvalid.
func (m *Manifest) Validate() error {
	checks := []func() error{
		m.checkIdentity,
		m.checkTexts,
		m.checkFiles,
		m.checkPublicKey,
		m.checkCapabilities,
		m.checkTools,
		m.Limits.check,
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// ValidID reports whether id is a well-formed plugin id.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// checkIdentity checks id, version, api_version and min_hearth.
func (m *Manifest) checkIdentity() error {
	if !ValidID(m.ID) {
		return invalid("the id %q is not 2 to 64 lower-case letters, digits, dots or hyphens starting with a letter or digit", clip(m.ID))
	}
	if err := checkSemver("version", m.Version, true); err != nil {
		return err
	}
	if m.APIVersion != APIVersion {
		return invalid("it asks for plugin API version %d and this Hearth speaks version %d", m.APIVersion, APIVersion)
	}
	return checkSemver("min_hearth", m.MinHearth, false)
}

// checkSemver checks that s is a strict semantic version (like "1.2.0").
func checkSemver(field, s string, required bool) error {
	if s == "" && !required {
		return nil
	}
	if len(s) > maxVersion {
		return invalid("the %s is longer than %d characters", field, maxVersion)
	}
	if _, err := semver.StrictNewVersion(s); err != nil {
		return invalid("the %s %q is not a semantic version like 1.2.0", field, clip(s))
	}
	return nil
}

// checkTexts checks the free-text fields shown to the user.
func (m *Manifest) checkTexts() error {
	if strings.TrimSpace(m.Name) == "" {
		return invalid("the name is empty")
	}
	fields := []struct {
		field, value string
		max          int
		multiline    bool
	}{
		{"name", m.Name, maxName, false},
		{"author", m.Author, maxAuthor, false},
		{"license", m.License, maxLicense, false},
		{"description", m.Description, maxDescription, true},
	}
	for _, f := range fields {
		if err := checkText(f.field, f.value, f.max, f.multiline); err != nil {
			return err
		}
	}
	return nil
}

// checkFiles checks the entry and the list of files with their hashes.
func (m *Manifest) checkFiles() error {
	if len(m.Files) > MaxFiles {
		return invalid("it lists more than %d files", MaxFiles)
	}
	names := slices.Sorted(maps.Keys(m.Files)) // the same problem is reported every time
	folded := make(map[string]bool, len(names))
	for _, name := range names {
		if err := checkPath(name); err != nil {
			return err
		}
		if folded[strings.ToLower(name)] {
			return invalid("the file %q is listed twice when case is ignored", name)
		}
		folded[strings.ToLower(name)] = true
		if !sha256Pattern.MatchString(m.Files[name]) {
			return invalid("the sha256 of %q is not 64 lower-case hex digits", name)
		}
	}
	if err := checkFolders(names, folded); err != nil {
		return err
	}
	if !strings.HasSuffix(m.Entry, ".wasm") {
		return invalid("the entry %q is not a .wasm file", clip(m.Entry))
	}
	if _, ok := m.Files[m.Entry]; !ok {
		return invalid("the entry %q is not among the listed files", clip(m.Entry))
	}
	return nil
}

// checkFolders refuses a listed file that is also the folder of another
// ("lib" and "lib/x"); folded holds the lower-cased names.
func checkFolders(names []string, folded map[string]bool) error {
	for _, name := range names {
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if folded[strings.ToLower(dir)] {
				return invalid("%q is listed both as a file and as a folder", dir)
			}
		}
	}
	return nil
}

// checkPath checks one listed file name: a relative path of plain
// segments, not plugin.json or a signature, which the zip holds apart.
func checkPath(name string) error {
	if len(name) > maxPath || !pathPattern.MatchString(name) {
		return invalid("the file name %q is not a relative path of ASCII letters, digits, dots, hyphens and underscores", clip(name))
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "." || seg == ".." {
			return invalid("the file name %q has a . or .. segment", clip(name))
		}
	}
	if name == "plugin.json" || strings.HasSuffix(name, ".minisig") {
		return invalid("the file list names %q, which the plugin format keeps for itself", name)
	}
	return nil
}

// checkPublicKey checks that a public key, if given, is a minisign one.
func (m *Manifest) checkPublicKey() error {
	if m.PublicKey == "" {
		return nil
	}
	var key minisign.PublicKey
	if len(m.PublicKey) > maxPublicKeyChars || key.UnmarshalText([]byte(m.PublicKey)) != nil {
		return invalid("the public_key is not a minisign public key (the line starting with RW)")
	}
	return nil
}

// clip shortens a value quoted in an error, so a hostile manifest cannot
// fill the screen.
func clip(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
