package bundle_test

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/bundle"
)

// These tests run the real minisign command (Debian's minisign 0.11), so
// what Hearth signs minisign accepts and what minisign signs Hearth does.

// minisignCmd returns the minisign binary; without it the tests skip, unless
// HEARTH_REQUIRE_REFERENCE is set (as in CI), where they fail.
func minisignCmd(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("minisign")
	if err != nil {
		if os.Getenv("HEARTH_REQUIRE_REFERENCE") != "" {
			t.Fatal("minisign is not installed (apt-get install minisign) and HEARTH_REQUIRE_REFERENCE is set")
		}
		t.Skip("minisign is not installed (apt-get install minisign); skipping the minisign interoperability test")
	}
	return path
}

// runMinisign runs minisign in dir with stdin, failing the test if it fails.
func runMinisign(t *testing.T, dir, stdin string, args ...string) string {
	t.Helper()
	out, err := minisignIn(t, dir, stdin, args...)
	if err != nil {
		t.Fatalf("minisign %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// minisignIn runs minisign in dir with stdin and returns its output.
func minisignIn(t *testing.T, dir, stdin string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(minisignCmd(t), args...)
	cmd.Dir, cmd.Stdin = dir, strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// minisignKeyPair makes a key pair with `minisign -G` in dir (unencrypted
// with an empty password) and returns the public key line and the key ID
// minisign wrote in the public key file's comment.
func minisignKeyPair(t *testing.T, dir, password string) (pubLine string, keyID uint64) {
	t.Helper()
	if password == "" {
		runMinisign(t, dir, "", "-G", "-W", "-p", "pub", "-s", "sec")
	} else {
		runMinisign(t, dir, password+"\n"+password+"\n", "-G", "-p", "pub", "-s", "sec")
	}
	data, err := os.ReadFile(filepath.Join(dir, "pub"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	const prefix = "untrusted comment: minisign public key "
	if len(lines) != 2 || !strings.HasPrefix(lines[0], prefix) {
		t.Fatalf("unexpected public key file %q", data)
	}
	id, err := strconv.ParseUint(strings.TrimPrefix(lines[0], prefix), 16, 64)
	if err != nil {
		t.Fatalf("key ID in %q: %v", lines[0], err)
	}
	return lines[1], id
}

// signatureAlgorithm returns the two algorithm bytes of a minisign
// signature file: "Ed" (legacy) or "ED" (prehashed).
func signatureAlgorithm(t *testing.T, sig []byte) string {
	t.Helper()
	lines := strings.Split(string(sig), "\n")
	raw, err := base64.StdEncoding.DecodeString(lines[1])
	if err != nil || len(raw) < 2 {
		t.Fatalf("signature line %q: %v", lines[1], err)
	}
	return string(raw[:2])
}

func TestMinisignSignsHearthVerifies(t *testing.T) {
	minisignCmd(t)
	for _, c := range []struct {
		name, algorithm string
		flags           []string
	}{
		{"prehashed", "ED", nil},
		{"legacy", "Ed", []string{"-l"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			pubLine, wantID := minisignKeyPair(t, dir, "")
			files := map[string][]byte{"units.wasm": emptyModule}
			manifest := manifestFor(t, files, pubLine)
			write(t, filepath.Join(dir, "plugin.json"), manifest)
			runMinisign(t, dir, "", append([]string{"-S", "-s", "sec", "-m", "plugin.json"}, c.flags...)...)
			sig, err := os.ReadFile(filepath.Join(dir, "plugin.json.minisig"))
			if err != nil {
				t.Fatal(err)
			}
			if got := signatureAlgorithm(t, sig); got != c.algorithm {
				t.Fatalf("minisign wrote a %q signature, want %q", got, c.algorithm)
			}
			zipped := zipOf(t, entry{name: "plugin.json", data: manifest}, entry{name: "plugin.json.minisig", data: sig},
				entry{name: "units.wasm", data: emptyModule})
			b, err := bundle.Read(zipped, bundle.DefaultLimits())
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			keyID, err := b.Verify()
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if got, err := strconv.ParseUint(keyID, 16, 64); err != nil || got != wantID || len(keyID) != 16 {
				t.Errorf("key ID %q, minisign says %X", keyID, wantID)
			}

			// The same signature over a manifest changed by one byte fails.
			changed := bytes.Replace(manifest, []byte("Converts units."), []byte("Converts units!"), 1)
			zipped = zipOf(t, entry{name: "plugin.json", data: changed}, entry{name: "plugin.json.minisig", data: sig},
				entry{name: "units.wasm", data: emptyModule})
			b, err = bundle.Read(zipped, bundle.DefaultLimits())
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			_, err = b.Verify()
			wantError(t, err, bundle.ErrBadSignature, "does not match its author's key")
		})
	}
}

// checkWithMinisign extracts plugin.json and its signature from a packed
// plugin and has `minisign -V` check them with the public key file in dir.
func checkWithMinisign(t *testing.T, dir string, packed []byte) {
	t.Helper()
	entries := unzip(t, packed)
	write(t, filepath.Join(dir, "check", "plugin.json"), entries["plugin.json"])
	write(t, filepath.Join(dir, "check", "plugin.json.minisig"), entries["plugin.json.minisig"])
	out := runMinisign(t, filepath.Join(dir, "check"), "", "-V", "-p", "../pub", "-m", "plugin.json")
	if !strings.Contains(out, "Signature and comment signature verified") {
		t.Errorf("minisign -V said %q", out)
	}
	// And it refuses the manifest changed by one byte.
	changed := bytes.Replace(entries["plugin.json"], []byte("Converts units."), []byte("Converts units!"), 1)
	write(t, filepath.Join(dir, "check", "plugin.json"), changed)
	if out, err := minisignIn(t, filepath.Join(dir, "check"), "", "-V", "-p", "../pub", "-m", "plugin.json"); err == nil {
		t.Errorf("minisign -V accepted a changed manifest: %s", out)
	}
}

func TestHearthSignsMinisignVerifies(t *testing.T) {
	dir := t.TempDir()
	pubLine, _ := minisignKeyPair(t, dir, "")
	key, err := bundle.LoadPrivateKey(filepath.Join(dir, "sec"), nil)
	if err != nil {
		t.Fatalf("LoadPrivateKey: %v", err)
	}
	packed, err := bundle.Pack(pluginDir(t), key)
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	b, err := bundle.Read(packed, bundle.DefaultLimits())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if b.Manifest.PublicKey != pubLine {
		t.Errorf("public_key %q, minisign's is %q", b.Manifest.PublicKey, pubLine)
	}
	if got := signatureAlgorithm(t, b.Signature); got != "ED" {
		t.Errorf("Pack wrote a %q signature, want the prehashed ED", got)
	}
	checkWithMinisign(t, dir, packed)
}

func TestEncryptedMinisignKey(t *testing.T) {
	dir := t.TempDir()
	const password = "correct horse battery staple"
	minisignKeyPair(t, dir, password)
	sec := filepath.Join(dir, "sec")

	_, err := bundle.LoadPrivateKey(sec, nil)
	wantError(t, err, bundle.ErrWrongPassword, "no password was given")
	// A wrong password costs what the right one does (scrypt over 1 GiB,
	// seconds); the same key with cheap scrypt parameters written in fails
	// the same check (its checksum) at a fraction of the cost.
	cheap := cheapScrypt(t, sec)
	_, err = bundle.LoadPrivateKey(cheap, func() (string, error) { return password, nil })
	wantError(t, err, bundle.ErrWrongPassword, "does not open")

	key, err := bundle.LoadPrivateKey(sec, func() (string, error) { return password, nil })
	if err != nil {
		t.Fatalf("LoadPrivateKey: %v", err)
	}
	packed, err := bundle.Pack(pluginDir(t), key)
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	checkWithMinisign(t, dir, packed)
}

// cheapScrypt writes a copy of an encrypted minisign secret key whose
// scrypt limits (opslimit at bytes 38-46, memlimit at 46-54 of the decoded
// key, little-endian) are lowered to 2^15 operations and 1 MiB.
func cheapScrypt(t *testing.T, sec string) string {
	t.Helper()
	data, err := os.ReadFile(sec)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	raw, err := base64.StdEncoding.DecodeString(lines[1])
	if err != nil || len(raw) != 158 || string(raw[2:4]) != "Sc" {
		t.Fatalf("not an encrypted minisign key: %q", data)
	}
	binary.LittleEndian.PutUint64(raw[38:], 1<<15)
	binary.LittleEndian.PutUint64(raw[46:], 1<<20)
	path := sec + ".cheap"
	write(t, path, []byte(lines[0]+"\n"+base64.StdEncoding.EncodeToString(raw)+"\n"))
	return path
}

func TestLoadPrivateKeyRefuses(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "garbage"), []byte("untrusted comment: nothing\nAAAA\n"))
	_, err := bundle.LoadPrivateKey(filepath.Join(dir, "garbage"), nil)
	wantError(t, err, bundle.ErrBadKey, "not a minisign secret key")
	write(t, filepath.Join(dir, "huge"), bytes.Repeat([]byte("A"), 5000))
	_, err = bundle.LoadPrivateKey(filepath.Join(dir, "huge"), nil)
	wantError(t, err, bundle.ErrBadKey, "larger than 4 KiB")
	_, err = bundle.LoadPrivateKey(filepath.Join(dir, "missing"), nil)
	if err == nil || !strings.Contains(err.Error(), "cannot open") {
		t.Errorf("missing key file: %v", err)
	}
}
