package registry_test

import (
	"crypto/rand"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/registry"
)

// now is the time the tests check indexes at.
var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// newKey makes a minisign key pair with the Go library.
func newKey(t testing.TB) (minisign.PublicKey, minisign.PrivateKey) {
	t.Helper()
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// sha is a well-formed sha256 for index entries.
var sha = strings.Repeat("ab", 32)

// indexJSON builds an index's JSON form: one plugin, dev.hearth.units, with
// the given versions, valid until a month after now.
func indexJSON(t testing.TB, serial uint64, authorKey string, versions ...map[string]any) map[string]any {
	t.Helper()
	vs := make([]any, len(versions))
	for i, v := range versions {
		vs[i] = v
	}
	return map[string]any{
		"serial":  serial,
		"expires": now.AddDate(0, 1, 0).Format(time.RFC3339),
		"plugins": []any{map[string]any{
			"id": "dev.hearth.units", "name": "Units", "description": "Converts units.", "author": "Hearth developers",
			"public_key": authorKey, "versions": vs,
		}},
	}
}

// version builds one version's JSON form.
func version(v string, extra ...string) map[string]any {
	m := map[string]any{"version": v, "url": "https://plugins.example.com/units-" + v + ".zip", "sha256": sha, "size": 1234}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = extra[i+1]
	}
	return m
}

// encode writes a JSON form.
func encode(t testing.TB, v any) []byte {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// signed signs an index with the registry package.
func signed(t testing.TB, index []byte, key minisign.PrivateKey) []byte {
	t.Helper()
	sig, err := registry.Sign(index, key)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	return sig
}
