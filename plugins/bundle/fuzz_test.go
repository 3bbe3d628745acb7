package bundle_test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/hearth-app/hearth/plugins/bundle"
)

// readErrors are the kinds every Read error must be one of.
var readErrors = []error{
	bundle.ErrTooLarge, bundle.ErrCompression, bundle.ErrTooManyFiles, bundle.ErrCorrupt,
	bundle.ErrUnsafePath, bundle.ErrNotRegular, bundle.ErrDuplicate, bundle.ErrNoManifest,
	bundle.ErrManifest, bundle.ErrUnlisted, bundle.ErrMissingFile, bundle.ErrHashMismatch,
}

// FuzzRead checks that Read never panics, fails only with its own errors,
// and that what it accepts holds every listed file and verifies or fails
// cleanly.
func FuzzRead(f *testing.F) {
	good, _ := goodBundle(f)
	f.Add(good)
	f.Add(withManifest(f, plainFiles, wasmEntry))
	f.Add(withManifest(f, plainFiles, wasmEntry, entry{name: "../evil.wasm", data: emptyModule}))
	f.Add(withManifest(f, plainFiles, wasmEntry, entry{name: "passwd", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777}))
	f.Add(withManifest(f, plainFiles, wasmEntry, entry{name: "Units.wasm", data: emptyModule}))
	f.Add(withManifest(f, plainFiles, wasmEntry, entry{name: "extra.txt", data: []byte("x")}))
	f.Add(withManifest(f, plainFiles, wasmEntry, entry{name: "lib/", mode: fs.ModeDir | 0o755}))
	f.Add(duplicateCentral(f, withManifest(f, plainFiles, wasmEntry), 1, "xnits.wasm"))
	f.Add(zipOf(f, entry{name: "plugin.json", data: make([]byte, 64<<10)}))
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bundle.Read(data, bundle.DefaultLimits())
		if err != nil {
			for _, kind := range readErrors {
				if errors.Is(err, kind) {
					return
				}
			}
			t.Fatalf("Read failed with an error of no known kind: %v", err)
		}
		for name := range b.Manifest.Files {
			if _, ok := b.Files[name]; !ok {
				t.Fatalf("accepted bundle lacks %q", name)
			}
		}
		if _, err := b.Verify(); err != nil && !errors.Is(err, bundle.ErrUnsigned) && !errors.Is(err, bundle.ErrBadSignature) {
			t.Fatalf("Verify failed with an error of no known kind: %v", err)
		}
		_ = b.Wasm()
	})
}
