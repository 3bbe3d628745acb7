package manager

import (
	"strings"

	"golang.org/x/mod/semver"
)

// newEnough says whether Hearth version have satisfies a manifest's
// min_hearth. A development build ("dev", "", or a git-describe string
// that is not a plain release like "1.2.3" or "v1.2.3") counts as new
// enough: it is built from the newest sources.
func newEnough(have, need string) bool {
	if need == "" {
		return true
	}
	h := "v" + strings.TrimPrefix(have, "v")
	if !semver.IsValid(h) || semver.Prerelease(h) != "" || semver.Build(h) != "" {
		return true
	}
	return semver.Compare(h, "v"+strings.TrimPrefix(need, "v")) >= 0
}
