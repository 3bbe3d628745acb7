package registry

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"aead.dev/minisign"
)

// FuzzVerify feeds Verify indexes under a fixed signature (which almost
// never matches, so it also runs parse, the JSON reading behind the
// signature, directly). Neither may panic or fail with an error of no
// known kind, and what parse accepts must pass its own checks again.
func FuzzVerify(f *testing.F) {
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	good := []byte(`{"serial": 2, "expires": "2026-07-01T00:00:00Z", "plugins": [{"id": "dev.hearth.units",
		"name": "Units", "description": "Converts units.", "author": "Hearth", "public_key": "` + pub.String() + `",
		"versions": [{"version": "1.0.0", "url": "https://example.com/u.zip", "sha256": "` + strings.Repeat("ab", 32) + `",
		"size": 10, "revoked": "bad"}, {"version": "1.1.0", "url": "http://127.0.0.1:8080/u.zip", "sha256": "` + strings.Repeat("cd", 32) + `", "size": 10}]}]}`)
	sig, err := Sign(good, priv)
	if err != nil {
		f.Fatal(err)
	}
	trust := Trust{PublicKey: pub.String(), LastSerial: 1}
	f.Add(good)
	f.Add([]byte(`{"serial": 1, "serial": 2}`))
	f.Add([]byte(`{"serial": 1, "expires": "2026-07-01T00:00:00Z", "plugins": []}`))
	f.Add([]byte(`{"serial": -1}`))
	f.Add([]byte(`{"plugins": [{"versions": [{"version": "1.0.0-rc.1+build"}]}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		known := []error{ErrUnsigned, ErrBadSignature, ErrBadKey, ErrMalformed, ErrExpired, ErrRollback, ErrTooLarge}
		if _, err := Verify(data, sig, trust, now); err != nil && !isOneOf(err, known) {
			t.Fatalf("Verify failed with an error of no known kind: %v", err)
		}
		ix, err := parse(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("parse failed with an error that is not ErrMalformed: %v", err)
			}
			return
		}
		again, err := json.Marshal(ix)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if _, err := parse(again); err != nil {
			t.Fatalf("an accepted index, re-encoded, is refused: %v", err)
		}
		for _, e := range ix.Plugins {
			ix.Latest(e.ID)
			for _, v := range e.Versions {
				ix.Revoked(e.ID, v.Version)
			}
		}
	})
}

// isOneOf reports whether err matches one of kinds.
func isOneOf(err error, kinds []error) bool {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}
