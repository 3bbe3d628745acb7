package bundle_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/manifest"
)

// plainFiles is what the hostile zips below carry besides their trick.
var plainFiles = map[string][]byte{"units.wasm": emptyModule}

// withManifest puts a valid unsigned plugin.json listing listed first, then
// the entries.
func withManifest(t testing.TB, listed map[string][]byte, entries ...entry) []byte {
	t.Helper()
	return zipOf(t, append([]entry{{name: "plugin.json", data: manifestFor(t, listed, "")}}, entries...)...)
}

// wasmEntry is the module entry of plainFiles.
var wasmEntry = entry{name: "units.wasm", data: emptyModule}

// deflated compresses data with deflate, for raw entries.
func deflated(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

// hostileCase is one zip Read must refuse.
type hostileCase struct {
	name string
	zip  func(t *testing.T) []byte
	lim  func(l *bundle.Limits)
	kind error
	says string
}

func TestReadRefusesHostileZips(t *testing.T) {
	cases := []hostileCase{
		{name: "dot dot", kind: bundle.ErrUnsafePath, says: "climbs out", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "../evil.wasm", data: emptyModule})
		}},
		{name: "dot dot inside", kind: bundle.ErrUnsafePath, says: "climbs out", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "lib/../../evil", data: emptyModule})
		}},
		{name: "absolute path", kind: bundle.ErrUnsafePath, says: "not a relative path", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "/etc/cron.d/evil", data: emptyModule})
		}},
		{name: "backslash", kind: bundle.ErrUnsafePath, says: "not a relative path", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: `..\evil.wasm`, data: emptyModule})
		}},
		{name: "drive letter", kind: bundle.ErrUnsafePath, says: "not a relative path", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "C:/evil", data: emptyModule})
		}},
		{name: "empty name", kind: bundle.ErrUnsafePath, says: "not a relative path", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "", data: emptyModule})
		}},
		{name: "non-ASCII name", kind: bundle.ErrUnsafePath, says: "plain ASCII", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "unit\u202es.wasm", data: emptyModule})
		}},
		{name: "symlink", kind: bundle.ErrNotRegular, says: "a link", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "passwd", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777})
		}},
		{name: "symlink as the entry", kind: bundle.ErrNotRegular, says: "units.wasm", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, entry{name: "units.wasm", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777})
		}},
		{name: "named pipe", kind: bundle.ErrNotRegular, says: "special file", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "fifo", mode: fs.ModeNamedPipe | 0o644})
		}},
		{name: "directory without a slash", kind: bundle.ErrNotRegular, says: "not a regular file", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "lib", mode: fs.ModeDir | 0o755})
		}},
		{name: "directory with content", kind: bundle.ErrNotRegular, says: "not a plain directory", zip: func(t *testing.T) []byte {
			// archive/zip will not write it; a file "lib_" is renamed "lib/".
			z := withManifest(t, plainFiles, wasmEntry, entry{name: "lib_", data: []byte("hidden"), mode: fs.ModeDir | 0o755})
			return patchCentral(t, z, 2, func(rec []byte) { rec[46+3] = '/' })
		}},
		{name: "MS-DOS directory attribute", kind: bundle.ErrNotRegular, says: "units.wasm", zip: func(t *testing.T) []byte {
			return patchCentral(t, withManifest(t, plainFiles, wasmEntry), 1, func(rec []byte) {
				binary.LittleEndian.PutUint16(rec[4:], 20)    // made by MS-DOS
				binary.LittleEndian.PutUint32(rec[38:], 0x10) // the directory attribute
			})
		}},
		{name: "zip bomb", kind: bundle.ErrCompression, says: "zip bomb", zip: func(t *testing.T) []byte {
			zeros := make([]byte, 200<<20) // 200 MB of zeros deflate to about 200 KB
			return withManifest(t, map[string][]byte{"units.wasm": zeros}, entry{name: "units.wasm", data: zeros})
		}},
		{name: "many small bombs", kind: bundle.ErrCompression, says: "zip bomb", zip: func(t *testing.T) []byte {
			// Each file stays within the per-file ratio (it is measured as if
			// 1 KiB packed), but together they pass the ratio of the whole zip.
			zeros := make([]byte, 100<<10)
			files := map[string][]byte{"units.wasm": emptyModule}
			entries := []entry{wasmEntry}
			for i := range 200 {
				name := fmt.Sprintf("zeros/%03d.bin", i)
				files[name] = zeros
				entries = append(entries, entry{name: name, data: zeros})
			}
			return withManifest(t, files, entries...)
		}},
		{name: "manifest bomb", kind: bundle.ErrTooLarge, says: "larger than 256 KiB", zip: func(t *testing.T) []byte {
			return zipOf(t, entry{name: "plugin.json", data: bytes.Repeat([]byte(" "), 10<<20)}, wasmEntry)
		}},
		// archive/zip itself stops at the size the header claims.
		{name: "header lies about the size", kind: bundle.ErrCorrupt, says: "damaged", zip: func(t *testing.T) []byte {
			noise := make([]byte, 1<<20)
			rand.Read(noise)
			return withManifest(t, map[string][]byte{"units.wasm": noise},
				entry{name: "units.wasm", data: deflated(t, noise), raw: true, method: zip.Deflate, size: 8})
		}},
		{name: "file over the cap", kind: bundle.ErrTooLarge, says: "larger than 1 KiB", lim: func(l *bundle.Limits) { l.MaxFile = 1 << 10 },
			zip: func(t *testing.T) []byte {
				big := make([]byte, 2<<10)
				rand.Read(big)
				return withManifest(t, map[string][]byte{"units.wasm": big}, entry{name: "units.wasm", data: big})
			}},
		{name: "files together over the cap", kind: bundle.ErrTooLarge, says: "together are larger than 3 KiB", lim: func(l *bundle.Limits) { l.MaxTotal = 3 << 10 },
			zip: func(t *testing.T) []byte {
				a, b := make([]byte, 2<<10), make([]byte, 2<<10)
				rand.Read(a)
				rand.Read(b)
				files := map[string][]byte{"units.wasm": a, "data.bin": b}
				return withManifest(t, files, entry{name: "data.bin", data: b}, entry{name: "units.wasm", data: a})
			}},
		{name: "zip over the cap", kind: bundle.ErrTooLarge, says: "plugin file is larger than 1 KiB", lim: func(l *bundle.Limits) { l.MaxZip = 1 << 10 },
			zip: func(t *testing.T) []byte {
				big := make([]byte, 4<<10)
				rand.Read(big)
				return withManifest(t, map[string][]byte{"units.wasm": big}, entry{name: "units.wasm", data: big})
			}},
		{name: "too many files", kind: bundle.ErrTooManyFiles, says: "more than 2 files", lim: func(l *bundle.Limits) { l.MaxFiles = 2 },
			zip: func(t *testing.T) []byte {
				return withManifest(t, plainFiles, wasmEntry, entry{name: "lib/", mode: fs.ModeDir | 0o755})
			}},
		{name: "duplicate name", kind: bundle.ErrDuplicate, says: "twice", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "units.wasm", data: []byte("other")})
		}},
		{name: "duplicate name case folded", kind: bundle.ErrDuplicate, says: "twice", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "Units.WASM", data: []byte("other")})
		}},
		{name: "duplicate manifest", kind: bundle.ErrDuplicate, says: "twice", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "plugin.json", data: []byte("{}")})
		}},
		{name: "file and directory of one name", kind: bundle.ErrDuplicate, says: "twice", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "units.wasm/", mode: fs.ModeDir | 0o755})
		}},
		{name: "file under a file", kind: bundle.ErrDuplicate, says: "both as a file and as a folder", zip: func(t *testing.T) []byte {
			files := map[string][]byte{"units.wasm": emptyModule, "lib": []byte("a"), "lib/x": []byte("b")}
			return withManifest(t, files, wasmEntry, entry{name: "lib", data: []byte("a")}, entry{name: "lib/x", data: []byte("b")})
		}},
		{name: "two signatures", kind: bundle.ErrDuplicate, says: "more than one signature", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "plugin.json.minisig", data: []byte("a")}, entry{name: "x.minisig", data: []byte("b")})
		}},
		{name: "unlisted file", kind: bundle.ErrUnlisted, says: "extra.txt", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "extra.txt", data: []byte("x")})
		}},
		{name: "signature below the root", kind: bundle.ErrUnlisted, says: "lib/plugin.json.minisig", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, wasmEntry, entry{name: "lib/plugin.json.minisig", data: []byte("x")})
		}},
		{name: "listed file missing", kind: bundle.ErrMissingFile, says: "data.bin", zip: func(t *testing.T) []byte {
			return withManifest(t, map[string][]byte{"units.wasm": emptyModule, "data.bin": []byte("x")}, wasmEntry)
		}},
		{name: "hash mismatch", kind: bundle.ErrHashMismatch, says: "units.wasm", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, entry{name: "units.wasm", data: []byte("\x00asm\x01\x00\x00\x01")})
		}},
		{name: "no manifest", kind: bundle.ErrNoManifest, says: "plugin.json", zip: func(t *testing.T) []byte {
			return zipOf(t, wasmEntry)
		}},
		{name: "manifest below the root", kind: bundle.ErrNoManifest, says: "plugin.json", zip: func(t *testing.T) []byte {
			return zipOf(t, entry{name: "sub/plugin.json", data: manifestFor(t, plainFiles, "")}, wasmEntry)
		}},
		{name: "invalid manifest", kind: bundle.ErrManifest, says: "capability", zip: func(t *testing.T) []byte {
			m := bytes.Replace(manifestFor(t, plainFiles, ""), []byte(`"capabilities": []`), []byte(`"capabilities": [{"name": "root", "reason": "x"}]`), 1)
			return zipOf(t, entry{name: "plugin.json", data: m}, wasmEntry)
		}},
		{name: "truncated by half", kind: bundle.ErrCorrupt, says: "zip", zip: func(t *testing.T) []byte {
			good := withManifest(t, plainFiles, wasmEntry)
			return good[:len(good)/2]
		}},
		{name: "truncated end record", kind: bundle.ErrCorrupt, says: "zip", zip: func(t *testing.T) []byte {
			good := withManifest(t, plainFiles, wasmEntry)
			return good[:len(good)-5]
		}},
		{name: "not a zip", kind: bundle.ErrCorrupt, says: "zip", zip: func(t *testing.T) []byte {
			return []byte("PK\x03\x04 this is not really a zip file at all")
		}},
		{name: "damaged data", kind: bundle.ErrCorrupt, says: "units.wasm", zip: func(t *testing.T) []byte {
			good := withManifest(t, plainFiles, entry{name: "units.wasm", data: emptyModule, stored: true})
			i := bytes.Index(good, emptyModule)
			good[i+4] ^= 0xff // the CRC no longer matches
			return good
		}},
		{name: "overlapping entries", kind: bundle.ErrCorrupt, says: "share their data", zip: func(t *testing.T) []byte {
			return duplicateCentral(t, withManifest(t, plainFiles, wasmEntry), 1, "xnits.wasm")
		}},
		{name: "encrypted entry", kind: bundle.ErrCorrupt, says: "encrypted", zip: func(t *testing.T) []byte {
			return patchCentral(t, withManifest(t, plainFiles, wasmEntry), 1, func(rec []byte) { rec[8] |= 1 })
		}},
		{name: "unknown method", kind: bundle.ErrCorrupt, says: "method", zip: func(t *testing.T) []byte {
			return withManifest(t, plainFiles, entry{name: "units.wasm", data: emptyModule, raw: true, method: 99, size: 8})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lim := bundle.DefaultLimits()
			if c.lim != nil {
				c.lim(&lim)
			}
			b, err := bundle.Read(c.zip(t), lim)
			if b != nil {
				t.Error("Read returned a bundle with its error")
			}
			wantError(t, err, c.kind, c.says)
		})
	}
}

func TestReadManifestErrorIsAlsoManifestInvalid(t *testing.T) {
	m := bytes.Replace(manifestFor(t, plainFiles, ""), []byte(`"api_version": 1`), []byte(`"api_version": 7`), 1)
	_, err := bundle.Read(zipOf(t, entry{name: "plugin.json", data: m}, wasmEntry), bundle.DefaultLimits())
	if !errors.Is(err, bundle.ErrManifest) || !errors.Is(err, manifest.ErrInvalid) {
		t.Fatalf("error %v is not both ErrManifest and manifest.ErrInvalid", err)
	}
}

func TestReadAcceptsPlainDirectoriesAndSmallRegularFiles(t *testing.T) {
	zeros := make([]byte, 600) // compresses far past the ratio, but is under the floor
	files := map[string][]byte{"units.wasm": emptyModule, "lib/zeros.bin": zeros}
	data := withManifest(t, files, entry{name: "lib/", mode: fs.ModeDir | 0o755}, entry{name: "lib/zeros.bin", data: zeros}, wasmEntry)
	b, err := bundle.Read(data, bundle.DefaultLimits())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(b.Files) != 2 || len(b.Files["lib/zeros.bin"]) != 600 {
		t.Errorf("files %v", b.Files)
	}
}

// signedZip packs plainFiles with a manifest naming pub and the given
// signature.
func signedZip(t *testing.T, manifestBytes, sig []byte) []byte {
	entries := []entry{{name: "plugin.json", data: manifestBytes}}
	if sig != nil {
		entries = append(entries, entry{name: "plugin.json.minisig", data: sig})
	}
	return zipOf(t, append(entries, wasmEntry)...)
}

func TestVerifyRefusesForgedSignatures(t *testing.T) {
	pub, priv := newKey(t)
	_, other := newKey(t)
	good := manifestFor(t, plainFiles, pub.String())
	goodSig := minisign.Sign(priv, good)
	flip := func(sig []byte, line int) []byte {
		lines := strings.Split(string(sig), "\n")
		b := []byte(lines[line])
		b[20] ^= 0x01 // a base64 digit deep in the signature, past the key ID
		if b[20] == '\n' || b[20] == '=' {
			b[20] = 'A'
		}
		lines[line] = string(b)
		return []byte(strings.Join(lines, "\n"))
	}
	changed := bytes.Replace(good, []byte("Converts units."), []byte("Converts units!"), 1)
	cases := []struct {
		name          string
		manifest, sig []byte
		kind          error
		says          string
	}{
		{"signed by another key", good, minisign.Sign(other, good), bundle.ErrBadSignature, "not with its author's key"},
		{"manifest changed after signing", changed, goodSig, bundle.ErrBadSignature, "does not match its author's key"},
		{"signature byte flipped", good, flip(goodSig, 1), bundle.ErrBadSignature, ""},
		{"comment signature byte flipped", good, flip(goodSig, 3), bundle.ErrBadSignature, "does not match"},
		{"trusted comment changed", good, bytes.Replace(goodSig, []byte("timestamp:"), []byte("timestamp:9"), 1), bundle.ErrBadSignature, "does not match"},
		{"signature garbage", good, []byte("untrusted comment: x\nnot base64\n"), bundle.ErrBadSignature, "not a minisign signature"},
		{"signature without a key", manifestFor(t, plainFiles, ""), goodSig, bundle.ErrBadSignature, "names no author key"},
		{"key without a signature", good, nil, bundle.ErrUnsigned, "carries no signature"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := bundle.Read(signedZip(t, c.manifest, c.sig), bundle.DefaultLimits())
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			keyID, err := b.Verify()
			if keyID != "" {
				t.Errorf("Verify returned key %q with its error", keyID)
			}
			wantError(t, err, c.kind, c.says)
		})
	}
	// The good signature passes, so the cases above fail for their reason.
	b, err := bundle.Read(signedZip(t, good, goodSig), bundle.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Verify(); err != nil {
		t.Fatalf("Verify of the untouched bundle: %v", err)
	}
}

// centralRecords finds the central directory of a zip without a comment
// and returns its offset and the offsets of its records.
func centralRecords(t testing.TB, z []byte) (eocd int, records []int) {
	t.Helper()
	eocd = len(z) - 22
	if binary.LittleEndian.Uint32(z[eocd:]) != 0x06054b50 {
		t.Fatal("no end of central directory record where expected")
	}
	off := int(binary.LittleEndian.Uint32(z[eocd+16:]))
	for off < eocd && binary.LittleEndian.Uint32(z[off:]) == 0x02014b50 {
		records = append(records, off)
		n, m, k := binary.LittleEndian.Uint16(z[off+28:]), binary.LittleEndian.Uint16(z[off+30:]), binary.LittleEndian.Uint16(z[off+32:])
		off += 46 + int(n) + int(m) + int(k)
	}
	return eocd, records
}

// patchCentral changes the central directory record of entry i in place.
func patchCentral(t testing.TB, z []byte, i int, change func(rec []byte)) []byte {
	t.Helper()
	_, records := centralRecords(t, z)
	change(z[records[i]:])
	return z
}

// duplicateCentral adds a second central directory record for entry i,
// renamed to name (of the same length), pointing at the same data.
func duplicateCentral(t testing.TB, z []byte, i int, name string) []byte {
	t.Helper()
	eocd, records := centralRecords(t, z)
	start := records[i]
	end := eocd
	if i+1 < len(records) {
		end = records[i+1]
	}
	rec := append([]byte(nil), z[start:end]...)
	if len(name) != int(binary.LittleEndian.Uint16(rec[28:])) {
		t.Fatal("the new name must be as long as the old")
	}
	copy(rec[46:], name)
	out := append(append([]byte(nil), z[:eocd]...), rec...)
	end22 := append([]byte(nil), z[eocd:]...)
	count := binary.LittleEndian.Uint16(end22[8:]) + 1
	binary.LittleEndian.PutUint16(end22[8:], count)
	binary.LittleEndian.PutUint16(end22[10:], count)
	binary.LittleEndian.PutUint32(end22[12:], binary.LittleEndian.Uint32(end22[12:])+uint32(len(rec)))
	return append(out, end22...)
}
