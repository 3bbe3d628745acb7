package registry_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/registry"
)

// The registry's signature is a plain minisign signature of index.json:
// these tests run the real minisign command both ways.

// minisignIn runs minisign in dir; without it the test skips, unless
// HEARTH_REQUIRE_REFERENCE is set (as in CI), where it fails.
func minisignIn(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	path, err := exec.LookPath("minisign")
	if err != nil {
		if os.Getenv("HEARTH_REQUIRE_REFERENCE") != "" {
			t.Fatal("minisign is not installed (apt-get install minisign) and HEARTH_REQUIRE_REFERENCE is set")
		}
		t.Skip("minisign is not installed (apt-get install minisign); skipping the minisign interoperability test")
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestRegistrySignatureInteroperatesWithMinisign(t *testing.T) {
	dir := t.TempDir()
	if out, err := minisignIn(t, dir, "-G", "-W", "-p", "pub", "-s", "sec"); err != nil {
		t.Fatalf("minisign -G: %v\n%s", err, out)
	}
	pub, err := minisign.PublicKeyFromFile(filepath.Join(dir, "pub"))
	if err != nil {
		t.Fatal(err)
	}
	author, _ := newKey(t)
	index := encode(t, indexJSON(t, 1, author.String(), version("1.0.0")))
	if err := os.WriteFile(filepath.Join(dir, "index.json"), index, 0o644); err != nil {
		t.Fatal(err)
	}

	// minisign signs, Verify accepts.
	if out, err := minisignIn(t, dir, "-S", "-s", "sec", "-m", "index.json"); err != nil {
		t.Fatalf("minisign -S: %v\n%s", err, out)
	}
	sig, err := os.ReadFile(filepath.Join(dir, "index.json.minisig"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := registry.Verify(index, sig, registry.Trust{PublicKey: pub.String()}, now); err != nil {
		t.Fatalf("Verify of minisign's signature: %v", err)
	}

	// Sign signs, minisign -V accepts.
	data, err := os.ReadFile(filepath.Join(dir, "sec"))
	if err != nil {
		t.Fatal(err)
	}
	var key minisign.PrivateKey // minisign -W keys are not encrypted
	if err := key.UnmarshalText(data); err != nil {
		t.Fatalf("read the secret key: %v", err)
	}
	ours, err := registry.Sign(index, key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.json.minisig"), ours, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := minisignIn(t, dir, "-V", "-p", "pub", "-m", "index.json")
	if err != nil || !strings.Contains(out, "Signature and comment signature verified") {
		t.Fatalf("minisign -V of Sign's signature: %v\n%s", err, out)
	}
}
