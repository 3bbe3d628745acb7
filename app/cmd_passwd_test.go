package app_test

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/memory"
)

var recoveryLine = regexp.MustCompile(`recovery key \(shown only now; the old one no longer works\): ([0-9A-Z-]+)\n`)

// TestPasswdRotateKey rotates the data key from the command line: the
// facts stay readable under the new passphrase, the old passphrase and
// the old recovery key stop working, the new recovery key opens the store.
func TestPasswdRotateKey(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HEARTH_HOME", home)
	t.Setenv("HEARTH_PASSPHRASE", "first passphrase")
	code, _, errOut := run(t, "memory", "add", "rotation canary fact")
	m := regexp.MustCompile(`recovery key[^:]*: ([0-9A-Z-]+)`).FindStringSubmatch(errOut)
	if code != 0 || m == nil {
		t.Fatalf("memory add: exit %d, %q", code, errOut)
	}
	oldRK := m[1]
	t.Setenv("HEARTH_NEW_PASSPHRASE", "second passphrase")
	code, out, errOut := run(t, "passwd", "--rotate-key")
	got := recoveryLine.FindStringSubmatch(out)
	if code != 0 || got == nil || !strings.Contains(out, "Data key rotated") {
		t.Fatalf("passwd --rotate-key: exit %d, out %q, err %q", code, out, errOut)
	}
	if code, _, errOut := run(t, "memory", "list"); code != 1 || errOut != "hearth: wrong passphrase\n" {
		t.Fatalf("old passphrase after rotation: exit %d, %q", code, errOut)
	}
	t.Setenv("HEARTH_PASSPHRASE", "second passphrase")
	if code, out, errOut := run(t, "memory", "list"); code != 0 || !strings.Contains(out, "rotation canary fact") {
		t.Fatalf("memory list after rotation: exit %d, %q, %q", code, out, errOut)
	}
	ctx := context.Background()
	dir := filepath.Join(home, "store")
	if _, err := memory.Open(ctx, dir, memory.RecoveryKey(oldRK)); !errors.Is(err, memory.ErrWrongPassphrase) {
		t.Fatalf("old recovery key after rotation: %v", err)
	}
	st, err := memory.Open(ctx, dir, memory.RecoveryKey(got[1]))
	if err != nil {
		t.Fatalf("new recovery key: %v", err)
	}
	st.Close()
}
