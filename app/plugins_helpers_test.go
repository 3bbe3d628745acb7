package app

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"aead.dev/minisign"
)

// pluginBuild is one plugin module, built once per test binary.
type pluginBuild struct {
	once sync.Once
	wasm []byte
	err  error
}

var pluginBuilds sync.Map // source directory -> *pluginBuild

// pluginWasm builds the plugin whose Go sources are in dir (relative to
// app/) for wasip1, once per test binary.
func pluginWasm(t testing.TB, dir string) []byte {
	t.Helper()
	v, _ := pluginBuilds.LoadOrStore(dir, &pluginBuild{})
	b := v.(*pluginBuild)
	b.once.Do(func() { b.wasm, b.err = buildWasm(dir) })
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.wasm
}

// buildWasm runs the Go build a plugin author runs.
func buildWasm(dir string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "hearth-plugin-build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "plugin.wasm")
	cmd := exec.Command("go", "build", "-buildmode=c-shared", "-o", out, "./"+filepath.ToSlash(filepath.Clean(dir)))
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build %s: %v\n%s", dir, err, msg)
	}
	return os.ReadFile(out)
}

// pluginStage writes a directory ready for `hearth plugins pack`: the
// plugin.json of the plugin in dir, changed by edit when it is not nil,
// and its module under the manifest's entry name.
func pluginStage(t testing.TB, dir string, edit func(m map[string]any)) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "plugin.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(m)
	}
	stage := t.TempDir()
	out, _ := json.MarshalIndent(m, "", "  ")
	entry, _ := m["entry"].(string)
	if err := os.WriteFile(filepath.Join(stage, "plugin.json"), out, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stage, entry), pluginWasm(t, dir), 0o600); err != nil {
		t.Fatal(err)
	}
	return stage
}

// signingKey writes a new unencrypted minisign secret key and returns its
// file and its public key.
func signingKey(t testing.TB) (string, minisign.PublicKey) {
	t.Helper()
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	text, err := priv.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "test.key")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, pub
}

// keyID is a key's ID as minisign prints it.
func keyID(pub minisign.PublicKey) string { return fmt.Sprintf("%016X", pub.ID()) }

// stageZip zips a stage as it is, with the files' hashes filled in and the
// signature sig (nil: unsigned) beside plugin.json; publicKey goes into
// the manifest when not empty. It is how a zip is made without `hearth
// plugins pack`: unsigned, or signed by the minisign command.
func stageZip(t testing.TB, stage string, publicKey string, sign func(manifest []byte) []byte) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(stage, "plugin.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	contents := map[string][]byte{}
	entries, _ := os.ReadDir(stage)
	for _, e := range entries {
		if e.Name() == "plugin.json" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(stage, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		files[e.Name()], contents[e.Name()] = hex.EncodeToString(sum[:]), b
	}
	m["files"] = files
	if publicKey != "" {
		m["public_key"] = publicKey
	}
	man, _ := json.MarshalIndent(m, "", "  ")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, b []byte) {
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write(b)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	add("plugin.json", man)
	if sign != nil {
		add("plugin.json.minisig", sign(man))
	}
	names := make([]string, 0, len(contents))
	for n := range contents {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		add(n, contents[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
