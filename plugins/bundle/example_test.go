package bundle_test

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/bundle"
)

// A plugin directory is packed, signed, read back and verified.
func Example() {
	dir, err := os.MkdirTemp("", "plugin")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	manifest := `{
  "id": "dev.example.hello", "name": "Hello", "version": "0.1.0", "api_version": 1,
  "entry": "hello.wasm",
  "tools": [{"name": "hello", "description": "Says hello.", "input_schema": {"type": "object"}}]
}`
	os.WriteFile(filepath.Join(dir, "plugin.json"), []byte(manifest), 0o644)
	os.WriteFile(filepath.Join(dir, "hello.wasm"), []byte("\x00asm\x01\x00\x00\x00"), 0o644)

	_, key, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	zipped, err := bundle.Pack(dir, key) // files and public_key are filled in
	if err != nil {
		panic(err)
	}
	b, err := bundle.Read(zipped, bundle.DefaultLimits())
	if err != nil {
		panic(err)
	}
	keyID, err := b.Verify()
	if err != nil {
		panic(err)
	}
	fmt.Println(b.Manifest.ID, b.Manifest.Version, len(b.Wasm()), "bytes of wasm, key ID of", len(keyID), "hex digits")
	// Output: dev.example.hello 0.1.0 8 bytes of wasm, key ID of 16 hex digits
}
