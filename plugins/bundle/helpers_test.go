package bundle_test

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/bundle"
)

// emptyModule is the smallest valid WebAssembly module: the magic number and
// version 1, no sections. Read does not look inside the module; the plugin
// host checks it.
var emptyModule = []byte("\x00asm\x01\x00\x00\x00")

// entry is one zip entry a test writes.
type entry struct {
	name   string
	data   []byte
	mode   fs.FileMode // 0 means a regular file, 0644
	stored bool        // zip.Store instead of zip.Deflate
	raw    bool        // write data as the already-compressed body, with method
	method uint16      // with raw: the method to claim
	size   uint64      // with raw: the uncompressed size to claim
}

// zipOf writes entries into a zip with archive/zip, in order.
func zipOf(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		switch {
		case e.raw:
			h.Method = e.method
		case e.stored:
			h.Method = zip.Store
		}
		mode := e.mode
		if mode == 0 {
			mode = 0o644
		}
		h.SetMode(mode)
		if e.raw {
			h.CompressedSize64, h.UncompressedSize64 = uint64(len(e.data)), e.size
			w, err := zw.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(e.data)
			continue
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// manifestFor writes a valid plugin.json listing files, with an entry
// "units.wasm" and the given public key ("" for none).
func manifestFor(t testing.TB, files map[string][]byte, publicKey string) []byte {
	t.Helper()
	sums := map[string]string{}
	for name, data := range files {
		sum := sha256.Sum256(data)
		sums[name] = hex.EncodeToString(sum[:])
	}
	m := map[string]any{
		"id": "dev.hearth.units", "name": "Units", "version": "1.0.0", "api_version": 1,
		"author": "Hearth developers", "license": "MIT", "description": "Converts units.",
		"entry": "units.wasm", "files": sums, "capabilities": []any{},
		"tools": []any{map[string]any{
			"name": "convert", "description": "Converts a value.",
			"input_schema": map[string]any{"type": "object", "properties": map[string]any{"value": map[string]any{"type": "number"}}},
		}},
		"limits": map[string]any{}, "min_hearth": "0.1.0",
	}
	if publicKey != "" {
		m["public_key"] = publicKey
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pluginDir writes a plugin source directory: plugin.json without files or
// key (as the SDK examples have it), the module and a source file.
func pluginDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	m := manifestFor(t, map[string][]byte{"units.wasm": emptyModule}, "")
	var parsed map[string]any
	json.Unmarshal(m, &parsed)
	delete(parsed, "files")
	m, _ = json.MarshalIndent(parsed, "", "  ")
	write(t, filepath.Join(dir, "plugin.json"), m)
	write(t, filepath.Join(dir, "units.wasm"), emptyModule)
	write(t, filepath.Join(dir, "src", "main.go"), []byte("package main\n"))
	return dir
}

// write writes a file, making its directory.
func write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// newKey makes a minisign key pair with the Go library.
func newKey(t testing.TB) (minisign.PublicKey, minisign.PrivateKey) {
	t.Helper()
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// goodBundle packs the plugin directory with a fresh key.
func goodBundle(t testing.TB) ([]byte, minisign.PublicKey) {
	t.Helper()
	pub, priv := newKey(t)
	out, err := bundle.Pack(pluginDir(t), priv)
	if err != nil {
		t.Fatalf("Pack: %v", err)
	}
	return out, pub
}

// unzip returns the entries of a zip by name.
func unzip(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		out[f.Name] = buf.Bytes()
	}
	return out
}

// wantError checks that err matches kind and reads as one sentence for a
// user: one line, no Go package prefixes.
func wantError(t *testing.T, err, kind error, says string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", kind)
	}
	if !errors.Is(err, kind) {
		t.Fatalf("error %q is not %v", err, kind)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "zip:") || strings.Contains(msg, "minisign:") || strings.Contains(msg, "json:") {
		t.Errorf("error %q is not one plain sentence", msg)
	}
	if !strings.Contains(msg, says) {
		t.Errorf("error %q does not say %q", msg, says)
	}
}
