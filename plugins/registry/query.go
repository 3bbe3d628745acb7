package registry

import "github.com/Masterminds/semver/v3"

// Latest returns the plugin id and its newest version, by semantic
// version, that is neither yanked nor revoked. Pre-releases (1.0.0-beta.1)
// are never offered as the latest.
func (ix *Index) Latest(id string) (Entry, Version, bool) {
	e, ok := ix.entry(id)
	if !ok {
		return Entry{}, Version{}, false
	}
	var best Version
	var bestSV *semver.Version
	for _, v := range e.Versions {
		if v.Yanked != "" || v.Revoked != "" {
			continue
		}
		sv, err := semver.StrictNewVersion(v.Version)
		if err != nil || sv.Prerelease() != "" {
			continue
		}
		if bestSV == nil || sv.GreaterThan(bestSV) {
			best, bestSV = v, sv
		}
	}
	return e, best, bestSV != nil
}

// Revoked returns why version of plugin id was revoked, if it was.
func (ix *Index) Revoked(id, version string) (reason string, ok bool) {
	e, found := ix.entry(id)
	if !found {
		return "", false
	}
	want, err := semver.StrictNewVersion(version)
	if err != nil {
		return "", false
	}
	for _, v := range e.Versions {
		sv, err := semver.StrictNewVersion(v.Version)
		if err == nil && sv.Equal(want) && v.Revoked != "" {
			return v.Revoked, true
		}
	}
	return "", false
}

// entry returns the plugin id.
func (ix *Index) entry(id string) (Entry, bool) {
	for _, e := range ix.Plugins {
		if e.ID == id {
			return e, true
		}
	}
	return Entry{}, false
}
