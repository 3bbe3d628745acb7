package registry_test

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/registry"
)

// A registry signs its index; Hearth verifies it against what it saw last
// and picks the version to offer.
func Example() {
	regPub, regKey, _ := minisign.GenerateKey(rand.Reader)
	author, _, _ := minisign.GenerateKey(rand.Reader)
	index := []byte(`{"serial": 8, "expires": "2026-07-01T00:00:00Z", "plugins": [{
  "id": "dev.hearth.units", "name": "Units", "description": "", "author": "", "public_key": "` + author.String() + `",
  "versions": [
    {"version": "1.0.0", "url": "https://plugins.example.com/u-1.0.0.zip", "sha256": "` + strings.Repeat("a", 64) + `", "size": 2254},
    {"version": "1.1.0", "url": "https://plugins.example.com/u-1.1.0.zip", "sha256": "` + strings.Repeat("b", 64) + `", "size": 2301,
     "revoked": "it sent queries to a third party"}]}]}`)
	sig, err := registry.Sign(index, regKey)
	if err != nil {
		panic(err)
	}

	trust := registry.Trust{PublicKey: regPub.String(), LastSerial: 7}
	ix, err := registry.Verify(index, sig, trust, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	trust = trust.Advance(index, ix) // kept for the next refresh
	_, latest, _ := ix.Latest("dev.hearth.units")
	reason, _ := ix.Revoked("dev.hearth.units", "1.1.0")
	fmt.Println(trust.LastSerial, latest.Version, reason)
	// Output: 8 1.0.0 it sent queries to a third party
}
