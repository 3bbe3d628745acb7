package bundle_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/bundle"
)

func TestPackReadVerify(t *testing.T) {
	out, pub := goodBundle(t)
	b, err := bundle.Read(out, bundle.DefaultLimits())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	keyID, err := b.Verify()
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if want := bundle.FormatKeyID(pub.ID()); keyID != want || len(keyID) != 16 {
		t.Errorf("key ID %q, want %q", keyID, want)
	}
	if b.Manifest.PublicKey != pub.String() {
		t.Errorf("public_key %q, want %q", b.Manifest.PublicKey, pub.String())
	}
	if !bytes.Equal(b.Wasm(), emptyModule) || string(b.Files["src/main.go"]) != "package main\n" || len(b.Files) != 2 {
		t.Errorf("files %q", b.Files)
	}
	sum := sha256.Sum256(out)
	if b.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("SHA256 %s", b.SHA256)
	}
	if !b.Signed() {
		t.Error("Signed() = false")
	}
	entries := unzip(t, out)
	if !bytes.Equal(entries["plugin.json"], b.ManifestBytes) || !bytes.Equal(entries["plugin.json.minisig"], b.Signature) {
		t.Error("ManifestBytes or Signature differ from the zip's entries")
	}
}

func TestPackKeepsTextReadable(t *testing.T) {
	dir := pluginDir(t)
	data, _ := os.ReadFile(filepath.Join(dir, "plugin.json"))
	write(t, filepath.Join(dir, "plugin.json"), bytes.Replace(data, []byte("Converts units."), []byte("Reads <title> & more."), 1))
	out, err := bundle.Pack(dir, minisign.PrivateKey{})
	if err != nil {
		t.Fatal(err)
	}
	if m := unzip(t, out)["plugin.json"]; !bytes.Contains(m, []byte(`"Reads <title> & more."`)) {
		t.Errorf("plugin.json escapes its text:\n%s", m)
	}
}

func TestPackIsReproducible(t *testing.T) {
	_, priv := newKey(t)
	dir := pluginDir(t)
	first, err := bundle.Pack(dir, priv)
	if err != nil {
		t.Fatal(err)
	}
	later := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, "units.wasm"), later, later); err != nil {
		t.Fatal(err) // a new mtime must not change the zip
	}
	second, err := bundle.Pack(dir, priv)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("packing the same directory twice gave different bytes")
	}
}

func TestPackUnsigned(t *testing.T) {
	out, err := bundle.Pack(pluginDir(t), minisign.PrivateKey{})
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	b, err := bundle.Read(out, bundle.DefaultLimits())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if b.Signed() || b.Manifest.PublicKey != "" {
		t.Error("an unsigned pack is signed")
	}
	_, err = b.Verify()
	wantError(t, err, bundle.ErrUnsigned, "not signed")
}

func TestPackListedFilesOnly(t *testing.T) {
	dir := pluginDir(t)
	write(t, filepath.Join(dir, "plugin.json"), manifestFor(t, map[string][]byte{"units.wasm": []byte("stale hash")}, ""))
	out, err := bundle.Pack(dir, minisign.PrivateKey{})
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	b, err := bundle.Read(out, bundle.DefaultLimits())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(b.Files) != 1 || b.Files["units.wasm"] == nil {
		t.Errorf("files %v, want only units.wasm (hash refreshed)", b.Files)
	}
}

func TestPackRefuses(t *testing.T) {
	t.Run("a different key in plugin.json", func(t *testing.T) {
		other, _ := newKey(t)
		_, priv := newKey(t)
		dir := pluginDir(t)
		var m map[string]any
		data, _ := os.ReadFile(filepath.Join(dir, "plugin.json"))
		json.Unmarshal(data, &m)
		m["public_key"] = other.String()
		data, _ = json.Marshal(m)
		write(t, filepath.Join(dir, "plugin.json"), data)
		_, err := bundle.Pack(dir, priv)
		wantError(t, err, bundle.ErrBadSignature, "signing key is another one")
	})
	t.Run("a link", func(t *testing.T) {
		dir := pluginDir(t)
		if err := os.Symlink("/etc/passwd", filepath.Join(dir, "passwd")); err != nil {
			t.Skip("no symlinks here:", err)
		}
		_, err := bundle.Pack(dir, minisign.PrivateKey{})
		wantError(t, err, bundle.ErrNotRegular, "passwd")
	})
	t.Run("a listed file outside the directory", func(t *testing.T) {
		dir := pluginDir(t)
		write(t, filepath.Join(dir, "plugin.json"), manifestFor(t, map[string][]byte{"units.wasm": nil, "../secret": nil}, ""))
		_, err := bundle.Pack(dir, minisign.PrivateKey{})
		wantError(t, err, bundle.ErrNotRegular, "../secret")
	})
	t.Run("a file name the manifest refuses", func(t *testing.T) {
		dir := pluginDir(t)
		write(t, filepath.Join(dir, "my notes.txt"), []byte("x"))
		_, err := bundle.Pack(dir, minisign.PrivateKey{})
		wantError(t, err, bundle.ErrManifest, "my notes.txt")
	})
	t.Run("no plugin.json", func(t *testing.T) {
		_, err := bundle.Pack(t.TempDir(), minisign.PrivateKey{})
		if err == nil {
			t.Fatal("Pack accepted an empty directory")
		}
	})
}

func TestPackSkipsDotFilesAndSignatures(t *testing.T) {
	dir := pluginDir(t)
	write(t, filepath.Join(dir, ".git", "config"), []byte("x"))
	write(t, filepath.Join(dir, ".DS_Store"), []byte("x"))
	write(t, filepath.Join(dir, "plugin.json.minisig"), []byte("old signature"))
	out, err := bundle.Pack(dir, minisign.PrivateKey{})
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	for name := range unzip(t, out) {
		if name != "plugin.json" && name != "units.wasm" && name != "src/main.go" {
			t.Errorf("the zip holds %q", name)
		}
	}
}
