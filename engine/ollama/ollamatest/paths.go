package ollamatest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Version is the Ollama release the tests run against.
const Version = "v0.6.5"

// Binary returns the path of the Ollama server binary, or "" when there is
// none.
func Binary() string {
	if p := os.Getenv("HEARTH_OLLAMA_BIN"); p != "" {
		if isFile(p) {
			return p
		}
		return ""
	}
	root, err := repoRoot()
	if err != nil {
		return ""
	}
	p := filepath.Join(root, ".cache", "ollama-"+Version, "ollama")
	if isFile(p) {
		return p
	}
	return ""
}

// TestData returns the shared test data directory: $HEARTH_TESTDATA, or
// ../shared/testdata beside the repository.
func TestData() (string, error) {
	if d := os.Getenv("HEARTH_TESTDATA"); d != "" {
		return d, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(root), "shared", "testdata"), nil
}

// StoriesModel returns the path of the small real model the tests import.
func StoriesModel() (string, error) {
	d, err := TestData()
	if err != nil {
		return "", err
	}
	p := filepath.Join(d, "models", "stories260K.gguf")
	if !isFile(p) {
		return "", fmt.Errorf("test model %s is missing", p)
	}
	return p, nil
}

// repoRoot walks up from the working directory to the directory holding
// go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isFile(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
