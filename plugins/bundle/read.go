package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"

	"github.com/hearth-app/hearth/plugins/manifest"
)

// Bundle is a plugin file that Read has checked.
type Bundle struct {
	Manifest      *manifest.Manifest
	ManifestBytes []byte            // plugin.json exactly as in the zip (what the signature covers)
	Files         map[string][]byte // the files the manifest lists, hash-checked
	Signature     []byte            // the *.minisig file, nil when unsigned
	SHA256        string            // of the whole zip, lower-case hex
}

// Read checks a plugin file (see the package comment) and returns what it
// holds. It does not check the signature: that is Verify.
func Read(data []byte, lim Limits) (*Bundle, error) {
	if int64(len(data)) > lim.MaxZip {
		return nil, fail(ErrTooLarge, "the plugin file is larger than %s", size(lim.MaxZip))
	}
	zr, err := openZip(data)
	if err != nil {
		return nil, err
	}
	es, err := sortEntries(zr.File, int64(len(data)), lim)
	if err != nil {
		return nil, err
	}
	u := newUnpacker(lim, int64(len(data)))
	b := &Bundle{Files: map[string][]byte{}}
	if err := b.readManifest(u, es); err != nil {
		return nil, err
	}
	if err := b.readFiles(u, es); err != nil {
		return nil, err
	}
	if es.signature != nil {
		if b.Signature, err = u.read(es.signature, maxSignature); err != nil {
			return nil, err
		}
	}
	sum := sha256.Sum256(data)
	b.SHA256 = hex.EncodeToString(sum[:])
	return b, nil
}

// readManifest unpacks and parses plugin.json.
func (b *Bundle) readManifest(u *unpacker, es *entries) error {
	data, err := u.read(es.manifest, manifest.MaxSize)
	if err != nil {
		return err
	}
	m, err := manifest.Parse(data)
	if err != nil {
		return failCause(ErrManifest, err, "%s", err.Error())
	}
	b.Manifest, b.ManifestBytes = m, data
	return nil
}

// readFiles refuses unlisted files, then unpacks every listed file and
// checks its hash.
func (b *Bundle) readFiles(u *unpacker, es *entries) error {
	for _, name := range sortedKeys(es.files) {
		if _, listed := b.Manifest.Files[name]; !listed {
			return fail(ErrUnlisted, "the plugin holds %q, which its manifest does not list", clip(name))
		}
	}
	for _, name := range sortedKeys(b.Manifest.Files) {
		f, ok := es.files[name]
		if !ok {
			return fail(ErrMissingFile, "the plugin lacks %q, which its manifest lists", name)
		}
		data, err := u.read(f, u.lim.MaxFile)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != b.Manifest.Files[name] {
			return fail(ErrHashMismatch, "the plugin's file %q does not match the sha256 its manifest gives", name)
		}
		b.Files[name] = data
	}
	return nil
}

// sortedKeys returns the keys of m in order, so errors name the same file
// every time.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Signed reports whether the plugin file carries a signature.
func (b *Bundle) Signed() bool { return b.Signature != nil }

// Wasm returns the module the manifest names as its entry.
func (b *Bundle) Wasm() []byte { return b.Files[b.Manifest.Entry] }
