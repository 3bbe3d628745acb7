package library

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Found is a GGUF model another app keeps, offered for import.
type Found struct {
	App  string `json:"app"`  // "Ollama", "LM Studio", "Jan", "GPT4All"
	Name string `json:"name"` // a suggested library name
	Path string `json:"path"`
	Size int64  `json:"size"`
}

// Skipped is a file discovery passed over as hostile or damaged, with the
// reason in one sentence.
type Skipped struct {
	App    string `json:"app"`
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Env is what discovery needs to know of the machine: the user's home, the
// operating system (runtime.GOOS) and the environment.
type Env struct {
	Home   string
	GOOS   string
	Getenv func(string) string
}

// Scan looks for GGUF models in the default folders of Ollama, LM Studio,
// Jan and GPT4All, and returns them sorted by app and name. It only reads:
// it never touches the files, and folders that do not exist are skipped.
func Scan(env Env) []Found {
	found, _ := ScanReport(env)
	return found
}

// ScanReport is Scan that also returns the files it passed over as hostile
// or damaged (an Ollama manifest whose digest is not a sha256 digest), each
// with its reason.
func ScanReport(env Env) ([]Found, []Skipped) {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	var found []Found
	var skipped []Skipped
	for _, dir := range ollamaDirs(env) {
		f, s := scanOllama(dir)
		found = append(found, f...)
		skipped = append(skipped, s...)
	}
	for _, app := range []struct {
		name string
		dirs []string
	}{
		{"LM Studio", lmStudioDirs(env)},
		{"Jan", janDirs(env)},
		{"GPT4All", gpt4allDirs(env)},
	} {
		for _, dir := range app.dirs {
			found = append(found, walkGGUF(app.name, dir)...)
		}
	}
	slices.SortFunc(found, func(a, b Found) int {
		return strings.Compare(a.App+"\x00"+a.Name, b.App+"\x00"+b.Name)
	})
	return slices.CompactFunc(found, func(a, b Found) bool { return a.Path == b.Path }), skipped
}

// ollamaDirs: $OLLAMA_MODELS, else ~/.ollama/models on every system, and on
// Linux also the service install's /usr/share/ollama/.ollama/models.
func ollamaDirs(env Env) []string {
	if d := env.Getenv("OLLAMA_MODELS"); d != "" {
		return []string{d}
	}
	dirs := []string{filepath.Join(env.Home, ".ollama", "models")}
	if env.GOOS == "linux" {
		dirs = append(dirs, "/usr/share/ollama/.ollama/models")
	}
	return dirs
}

// lmStudioDirs: ~/.lmstudio/models (LM Studio 0.3 and later) and the older
// ~/.cache/lm-studio/models, on every system.
func lmStudioDirs(env Env) []string {
	return []string{
		filepath.Join(env.Home, ".lmstudio", "models"),
		filepath.Join(env.Home, ".cache", "lm-studio", "models"),
	}
}

// janDirs: ~/jan/models (Jan before 0.5), and the data folder of later
// versions: ~/.local/share/Jan/data on Linux, ~/Library/Application
// Support/Jan/data on macOS, %APPDATA%\Jan\data on Windows (models under
// models/ or llamacpp/models/).
func janDirs(env Env) []string {
	dirs := []string{filepath.Join(env.Home, "jan", "models")}
	switch env.GOOS {
	case "darwin":
		dirs = append(dirs, filepath.Join(env.Home, "Library", "Application Support", "Jan", "data"))
	case "windows":
		if d := env.Getenv("APPDATA"); d != "" {
			dirs = append(dirs, filepath.Join(d, "Jan", "data"))
		}
	default:
		dirs = append(dirs, filepath.Join(xdgData(env), "Jan", "data"))
	}
	return dirs
}

// gpt4allDirs: the default download folder, ~/.local/share/nomic.ai/GPT4All
// on Linux, ~/Library/Application Support/nomic.ai/GPT4All on macOS,
// %LOCALAPPDATA%\nomic.ai\GPT4All on Windows.
func gpt4allDirs(env Env) []string {
	switch env.GOOS {
	case "darwin":
		return []string{filepath.Join(env.Home, "Library", "Application Support", "nomic.ai", "GPT4All")}
	case "windows":
		if d := env.Getenv("LOCALAPPDATA"); d != "" {
			return []string{filepath.Join(d, "nomic.ai", "GPT4All")}
		}
		return nil
	default:
		return []string{filepath.Join(xdgData(env), "nomic.ai", "GPT4All")}
	}
}

func xdgData(env Env) string {
	if d := env.Getenv("XDG_DATA_HOME"); d != "" {
		return d
	}
	return filepath.Join(env.Home, ".local", "share")
}

// maxDepth bounds how deep a model folder is searched.
const maxDepth = 6

// walkGGUF finds the GGUF model files under root. Vision projectors
// (mmproj-*.gguf) are not models on their own and are skipped.
func walkGGUF(app, root string) []Found {
	var found []Found
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if strings.Count(strings.TrimPrefix(p, root), string(filepath.Separator)) >= maxDepth {
				return filepath.SkipDir
			}
			return nil
		}
		name := strings.ToLower(d.Name())
		if !strings.HasSuffix(name, ".gguf") || strings.HasPrefix(name, "mmproj") {
			return nil
		}
		if size, ok := ggufSize(p); ok {
			found = append(found, Found{App: app, Name: janName(app, p), Path: p, Size: size})
		}
		return nil
	})
	return found
}

// janName names a model: Jan keeps each one as <id>/model.gguf, so the
// folder says more than the file.
func janName(app, p string) string {
	if app == "Jan" && strings.EqualFold(filepath.Base(p), "model.gguf") {
		return NameFor(filepath.Base(filepath.Dir(p)))
	}
	return NameFor(p)
}

// ggufSize returns the size of a regular file that starts with the GGUF
// magic.
func ggufSize(p string) (int64, bool) {
	f, err := os.Open(p)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return 0, false
	}
	head := make([]byte, 4)
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.Equal(head, []byte("GGUF")) {
		return 0, false
	}
	return fi.Size(), true
}
