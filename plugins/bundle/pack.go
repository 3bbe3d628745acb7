package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/manifest"
)

// packTime is the time every entry of a packed zip carries, so packing the
// same directory twice gives the same bytes.
var packTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Pack builds a plugin file from dir. It reads dir/plugin.json; if it
// lists no files, Pack lists every regular file under dir but plugin.json,
// signatures at the root and names starting with a dot; either way it
// writes the files' sha256 into the manifest. With a key it sets
// public_key (refusing a different key already there) and signs plugin.json
// in minisign's prehashed form; the zero PrivateKey packs an unsigned
// plugin. The zip holds plugin.json, its signature and the files in that
// order, with fixed times and modes, and passes Read and Verify before it
// is returned.
func Pack(dir string, key minisign.PrivateKey) ([]byte, error) {
	raw, err := readSmallFile(filepath.Join(dir, manifestName), manifest.MaxSize, ErrManifest)
	if err != nil {
		return nil, err
	}
	m, err := manifest.Decode(raw)
	if err != nil {
		return nil, failCause(ErrManifest, err, "%s", err.Error())
	}
	contents, err := packFiles(dir, m)
	if err != nil {
		return nil, err
	}
	signed := !key.Equal(minisign.PrivateKey{})
	if err := setPublicKey(m, key, signed); err != nil {
		return nil, err
	}
	data, err := encodeManifest(m)
	if err != nil {
		return nil, err
	}
	var sig []byte
	if signed {
		sig = signManifest(key, m, data)
	}
	out, err := writeZip(data, sig, contents)
	if err != nil {
		return nil, err
	}
	return out, selfCheck(out, signed)
}

// packFiles reads the files the plugin ships and writes their hashes into
// m.Files.
func packFiles(dir string, m *manifest.Manifest) (map[string][]byte, error) {
	names := sortedKeys(m.Files)
	if len(names) == 0 {
		var err error
		if names, err = listDir(dir); err != nil {
			return nil, err
		}
	}
	contents := make(map[string][]byte, len(names))
	m.Files = make(map[string]string, len(names))
	for _, name := range names {
		data, err := readPackFile(dir, name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		contents[name], m.Files[name] = data, hex.EncodeToString(sum[:])
	}
	return contents, nil
}

// listDir lists the files Pack ships when plugin.json lists none.
func listDir(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case d.IsDir():
			return nil
		case rel == manifestName || (!strings.Contains(rel, "/") && strings.HasSuffix(rel, signatureSuffix)):
			return nil
		case !d.Type().IsRegular():
			return fail(ErrNotRegular, "%s holds %s, a link or special file, which a plugin cannot hold", dir, rel)
		}
		if names = append(names, rel); len(names) > manifest.MaxFiles {
			return fail(ErrTooManyFiles, "%s holds more than %d files", dir, manifest.MaxFiles)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return names, nil
}

// readPackFile reads one file to ship, which must be a regular file inside
// dir (os.Root keeps links from leading out of it).
func readPackFile(dir, name string) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", dir, err)
	}
	defer root.Close()
	info, err := root.Lstat(filepath.FromSlash(name))
	if err != nil || !info.Mode().IsRegular() || strings.Contains(name, `\`) {
		return nil, fail(ErrNotRegular, "plugin.json lists %q, which is not a regular file inside %s", clip(name), dir)
	}
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, fmt.Errorf("cannot open %s in %s: %w", name, dir, err)
	}
	defer f.Close()
	max := DefaultLimits().MaxFile
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot read %s in %s: %w", name, dir, err)
	case int64(len(data)) > max:
		return nil, fail(ErrTooLarge, "%s in %s is larger than %s", name, dir, size(max))
	}
	return data, nil
}

// setPublicKey writes the signing key's public half into the manifest.
func setPublicKey(m *manifest.Manifest, key minisign.PrivateKey, signed bool) error {
	if !signed {
		return nil
	}
	pub := key.Public().(minisign.PublicKey).String()
	if m.PublicKey != "" && m.PublicKey != pub {
		return fail(ErrBadSignature, "plugin.json names the author key %s, and the signing key is another one", clip(m.PublicKey))
	}
	m.PublicKey = pub
	return nil
}

// encodeManifest writes the completed manifest and checks it as Read will.
func encodeManifest(m *manifest.Manifest) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "<title>" stays readable for whoever checks it by hand
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("encode plugin.json: %w", err)
	}
	data := buf.Bytes()
	if _, err := manifest.Parse(data); err != nil {
		return nil, failCause(ErrManifest, err, "%s", err.Error())
	}
	return data, nil
}

// signManifest signs plugin.json in minisign's prehashed form. The trusted
// comment is fixed (no timestamp) and Ed25519 is deterministic, so the
// signature is reproducible too.
func signManifest(key minisign.PrivateKey, m *manifest.Manifest, data []byte) []byte {
	r := minisign.NewReader(bytes.NewReader(data))
	_, _ = io.Copy(io.Discard, r) // reading a bytes.Reader cannot fail
	trusted := fmt.Sprintf("file:%s\tplugin:%s\tversion:%s", manifestName, m.ID, m.Version)
	return r.SignWithComments(key, trusted, "signature from minisign secret key")
}

// writeZip writes plugin.json, the signature and the files, in that order.
func writeZip(manifestBytes, sig []byte, files map[string][]byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) error {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: packTime}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err == nil {
			_, err = w.Write(data)
		}
		return err
	}
	err := add(manifestName, manifestBytes)
	if err == nil && sig != nil {
		err = add(signatureName, sig)
	}
	for _, name := range sortedKeys(files) {
		if err == nil {
			err = add(name, files[name])
		}
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("write the plugin zip: %w", err)
	}
	return buf.Bytes(), nil
}

// selfCheck reads back what Pack wrote, so Pack never hands out a plugin
// that Hearth would refuse.
func selfCheck(out []byte, signed bool) error {
	b, err := Read(out, DefaultLimits())
	if err == nil && signed {
		_, err = b.Verify()
	}
	return err
}
