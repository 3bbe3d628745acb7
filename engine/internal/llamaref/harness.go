package llamaref

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// buildHarness compiles csrc/NAME.c into a directory under os.TempDir named
// by a hash of the source and the library directory, so later test runs reuse
// the binary. It returns the binary's path.
func buildHarness(name string) (string, error) {
	src := filepath.Join(Dir(), "csrc", name+".c")
	code, err := os.ReadFile(src)
	if err != nil {
		return "", fmt.Errorf("build %s: %w", name, err)
	}
	sum := sha256.Sum256(append(code, LibDir()...))
	dir := filepath.Join(os.TempDir(), "hearth-"+name+"-"+hex.EncodeToString(sum[:8]))
	bin := filepath.Join(dir, name)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("build %s: %w", name, err)
	}
	tmp, err := os.CreateTemp(dir, name+"-*.tmp")
	if err != nil {
		return "", fmt.Errorf("build %s: %w", name, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.Command("gcc", "-O2", "-std=c11", "-Wall", "-o", tmp.Name(), src, "-ldl")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build %s: gcc: %w\n%s", name, err, out)
	}
	if err := os.Rename(tmp.Name(), bin); err != nil {
		return "", fmt.Errorf("build %s: %w", name, err)
	}
	return bin, nil
}
