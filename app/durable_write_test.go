package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestUserFilesAreSyncedBeforeRename traces the system calls of a child
// that writes the theme (ui.json), an export and a backup, and checks for
// each that the new file is fsynced before it is renamed into place and its
// folder is fsynced after: a kill cannot show the difference, a power cut
// can (a renamed but unsynced file may come back empty).
func TestUserFilesAreSyncedBeforeRename(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("needs strace")
	}
	if out, err := exec.Command(strace, "-o", os.DevNull, "true").CombinedOutput(); err != nil {
		t.Skipf("strace cannot trace here: %v %s", err, out)
	}
	home := t.TempDir()
	crashStore(t, home)
	trace := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command(strace, "-f", "-y", "-qq", "-o", trace, "-e", "trace=fsync,fdatasync,rename,renameat,renameat2",
		os.Args[0], "-test.run=^TestAppCrashChild$")
	c := startCrashCommand(t, cmd, "write", home)
	c.waitLine(t, "done")
	must(t, cmd.Wait())
	b, err := os.ReadFile(trace)
	must(t, err)
	lines := strings.Split(string(b), "\n")
	for _, path := range []string{
		filepath.Join(home, "ui.json"),
		filepath.Join(home, "out", "chat.json"),
		filepath.Join(home, "out", "hearth.hearthbackup"),
	} {
		if err := syncedRename(lines, path); err != "" {
			t.Errorf("%s: %s", filepath.Base(path), err)
		}
	}
}

// syncedRename checks a trace for fsync(PATH.partial), then the rename of
// PATH.partial to PATH, then fsync of PATH's folder; it returns what is
// missing, or "".
func syncedRename(lines []string, path string) string {
	rename := -1
	for i, l := range lines {
		if strings.Contains(l, "rename") && strings.Contains(l, `"`+path+`.partial"`) && strings.Contains(l, `"`+path+`"`) {
			rename = i
		}
	}
	if rename < 0 {
		return "never renamed into place"
	}
	synced := func(target string, from, to int) bool {
		for _, l := range lines[from:to] {
			if (strings.Contains(l, "fsync(") || strings.Contains(l, "fdatasync(")) && strings.Contains(l, "<"+target+">") {
				return true
			}
		}
		return false
	}
	if !synced(path+".partial", 0, rename) {
		return "renamed into place without an fsync of the new file first"
	}
	if !synced(filepath.Dir(path), rename, len(lines)) {
		return "the rename is not made durable by an fsync of the folder"
	}
	return ""
}
