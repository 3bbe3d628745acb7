package app

import "runtime/debug"

// Version is Hearth's version, set at build time with
// -ldflags "-X github.com/hearth-app/hearth/app.Version=...".
var Version = "dev"

// BuildInfo describes the running binary.
type BuildInfo struct {
	Version   string `json:"version"`
	GoVersion string `json:"goVersion"`
	Commit    string `json:"commit,omitempty"`
}

// CurrentBuild returns what the binary knows about its own build.
func CurrentBuild() BuildInfo {
	b := BuildInfo{Version: Version}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	b.GoVersion = info.GoVersion
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			b.Commit = s.Value[:12]
		}
	}
	return b
}
