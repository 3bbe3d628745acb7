// Package llamaref locates llama.cpp, installed from npm (node-llama-cpp and its
// prebuilt linux-x64 libraries), so that tests and benchmarks can compare the
// engine with the reference implementation on the same machine.
//
// `make reference` installs it (npm ci in this directory). Tests that need it
// call Require: without the reference they skip, unless HEARTH_REQUIRE_REFERENCE
// is set (as `make test` sets it), in which case they fail.
package llamaref

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the directory of this package (where package.json and the Node
// scripts live).
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// LibDir returns the directory holding llama.cpp's shared libraries
// (libggml-base.so, libllama.so, ...).
func LibDir() string {
	return filepath.Join(Dir(), "node_modules", "@node-llama-cpp", "linux-x64", "bins", "linux-x64")
}

// Available reports whether the reference is installed.
func Available() bool {
	_, err := os.Stat(filepath.Join(LibDir(), "libggml-base.so"))
	return err == nil && runtime.GOOS == "linux" && runtime.GOARCH == "amd64"
}

// Require skips t when the reference is not installed, or fails it when
// HEARTH_REQUIRE_REFERENCE is set.
func Require(t testing.TB) {
	t.Helper()
	if Available() {
		return
	}
	if os.Getenv("HEARTH_REQUIRE_REFERENCE") != "" {
		t.Fatalf("llama.cpp reference not installed in %s: run `make reference`", Dir())
	}
	t.Skip("llama.cpp reference not installed: run `make reference`")
}

// TestData returns the shared test data directory: $HEARTH_TESTDATA, or
// ../shared/testdata beside the repository.
func TestData() string {
	if d := os.Getenv("HEARTH_TESTDATA"); d != "" {
		return d
	}
	return filepath.Join(Dir(), "..", "..", "..", "..", "shared", "testdata")
}
