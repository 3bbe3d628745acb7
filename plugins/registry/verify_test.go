package registry_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/registry"
)

// wantError checks that err matches kind and reads as one plain sentence.
func wantError(t *testing.T, err, kind error, says string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", kind)
	}
	if !errors.Is(err, kind) {
		t.Fatalf("error %q is not %v", err, kind)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "minisign:") || strings.Contains(msg, "json:") {
		t.Errorf("error %q is not one plain sentence", msg)
	}
	if !strings.Contains(msg, says) {
		t.Errorf("error %q does not say %q", msg, says)
	}
}

func TestVerifyGood(t *testing.T) {
	regPub, regKey := newKey(t)
	author, _ := newKey(t)
	index := encode(t, indexJSON(t, 7, author.String(), version("1.0.0"), version("1.1.0", "revoked", "leaks your notes")))
	sig := signed(t, index, regKey)
	trust := registry.Trust{PublicKey: regPub.String(), LastSerial: 6, LastSHA256: strings.Repeat("0", 64)}
	ix, err := registry.Verify(index, sig, trust, now)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if ix.Serial != 7 || len(ix.Plugins) != 1 || ix.Plugins[0].PublicKey != author.String() || len(ix.Plugins[0].Versions) != 2 {
		t.Fatalf("index %+v", ix)
	}
	next := trust.Advance(index, ix)
	if next.LastSerial != 7 || next.PublicKey != trust.PublicKey || len(next.LastSHA256) != 64 {
		t.Fatalf("Advance = %+v", next)
	}
	// The same index again under the advanced trust is fine.
	if _, err := registry.Verify(index, sig, next, now); err != nil {
		t.Fatalf("Verify of the same index again: %v", err)
	}
}

func TestVerifyRefuses(t *testing.T) {
	regPub, regKey := newKey(t)
	_, otherKey := newKey(t)
	author, _ := newKey(t)
	good := encode(t, indexJSON(t, 5, author.String(), version("1.0.0")))
	goodSig := signed(t, good, regKey)
	trust := registry.Trust{PublicKey: regPub.String()}
	// rawSigned signs bytes Sign would refuse, as a hostile registry could.
	rawSigned := func(change func(m map[string]any)) ([]byte, []byte) {
		m := indexJSON(t, 5, author.String(), version("1.0.0"))
		change(m)
		data := encode(t, m)
		return data, minisign.Sign(regKey, data)
	}
	plugin := func(m map[string]any) map[string]any { return m["plugins"].([]any)[0].(map[string]any) }
	firstVersion := func(m map[string]any) map[string]any { return plugin(m)["versions"].([]any)[0].(map[string]any) }
	type tc struct {
		name       string
		index, sig []byte
		trust      registry.Trust
		at         time.Time
		kind       error
		says       string
	}
	cases := []tc{
		{"no signature", good, nil, trust, now, registry.ErrUnsigned, "no signature"},
		{"signed by another key", good, signed(t, good, otherKey), trust, now, registry.ErrBadSignature, "not the registry's key"},
		{"index changed after signing", bytes.Replace(good, []byte("Converts units."), []byte("Converts units!"), 1), goodSig, trust, now, registry.ErrBadSignature, "does not match"},
		{"signature garbage", good, []byte("untrusted comment: x\nnope\n"), trust, now, registry.ErrBadSignature, "not a minisign signature"},
		{"signature huge", good, bytes.Repeat([]byte("A"), 5000), trust, now, registry.ErrBadSignature, "larger than 4 KiB"},
		{"trusted key garbage", good, goodSig, registry.Trust{PublicKey: "RWnope"}, now, registry.ErrBadKey, "not a minisign public key"},
		{"no trusted key", good, goodSig, registry.Trust{}, now, registry.ErrBadKey, "not a minisign public key"},
		{"expired", good, goodSig, trust, now.AddDate(0, 2, 0), registry.ErrExpired, "expired on 2026-07-01"},
		{"expiring this instant", good, goodSig, trust, now.AddDate(0, 1, 0), registry.ErrExpired, "expired"},
		{"rolled back", good, goodSig, registry.Trust{PublicKey: regPub.String(), LastSerial: 6}, now, registry.ErrRollback, "older than the 6"},
		{"same serial, other bytes", good, goodSig, registry.Trust{PublicKey: regPub.String(), LastSerial: 5, LastSHA256: strings.Repeat("1", 64)}, now, registry.ErrRollback, "without a new serial"},
	}
	malformed := []struct {
		name   string
		change func(m map[string]any)
		says   string
	}{
		{"unknown field", func(m map[string]any) { m["mirror"] = "x" }, `the field "mirror" is not known`},
		{"unknown version field", func(m map[string]any) { firstVersion(m)["signature"] = "x" }, `the field "signature" is not known`},
		{"no expiry", func(m map[string]any) { delete(m, "expires") }, "no expiry date"},
		{"expiry not a time", func(m map[string]any) { m["expires"] = "soon" }, "malformed"},
		{"plugin twice", func(m map[string]any) { m["plugins"] = append(m["plugins"].([]any), plugin(m)) }, "twice"},
		{"bad id", func(m map[string]any) { plugin(m)["id"] = "Units!" }, "plugin id"},
		{"no name", func(m map[string]any) { plugin(m)["name"] = "" }, "has no name"},
		{"bidi in the author", func(m map[string]any) { plugin(m)["author"] = "x\u202ey" }, "U+202E"},
		{"bad author key", func(m map[string]any) { plugin(m)["public_key"] = "RWnope" }, "no valid minisign public key"},
		{"no versions", func(m map[string]any) { plugin(m)["versions"] = []any{} }, "no versions"},
		{"bad version", func(m map[string]any) { firstVersion(m)["version"] = "1.0" }, "not a semantic version"},
		{"version twice", func(m map[string]any) {
			plugin(m)["versions"] = []any{version("1.0.0"), version("1.0.0")}
		}, "version 1.0.0 twice"},
		{"http URL", func(m map[string]any) { firstVersion(m)["url"] = "http://plugins.example.com/u.zip" }, "not an https URL"},
		{"URL with a password", func(m map[string]any) { firstVersion(m)["url"] = "https://u:p@plugins.example.com/u.zip" }, "not an https URL"},
		{"file URL", func(m map[string]any) { firstVersion(m)["url"] = "file:///etc/passwd" }, "not an https URL"},
		{"bad sha256", func(m map[string]any) { firstVersion(m)["sha256"] = "ABC" }, "sha256"},
		{"zero size", func(m map[string]any) { firstVersion(m)["size"] = 0 }, "size"},
		{"huge size", func(m map[string]any) { firstVersion(m)["size"] = 1 << 40 }, "size"},
		{"bad min_hearth", func(m map[string]any) { firstVersion(m)["min_hearth"] = "one" }, "min_hearth"},
		{"reason with a newline", func(m map[string]any) { firstVersion(m)["revoked"] = "a\nb" }, "U+000A"},
	}
	for _, m := range malformed {
		index, sig := rawSigned(m.change)
		cases = append(cases, tc{"malformed: " + m.name, index, sig, trust, now, registry.ErrMalformed, m.says})
	}
	dup := bytes.Replace(good, []byte(`"serial": 5`), []byte(`"serial": 5, "serial": 9`), 1)
	if bytes.Equal(dup, good) {
		t.Fatal("the duplicated-field case did not change the index")
	}
	cases = append(cases, tc{"malformed: duplicated field", dup, minisign.Sign(regKey, dup), trust, now, registry.ErrMalformed, "appears twice"})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix, err := registry.Verify(c.index, c.sig, c.trust, c.at)
			if ix != nil {
				t.Error("Verify returned an index with its error")
			}
			wantError(t, err, c.kind, c.says)
		})
	}
	// The untouched index passes, so each case fails for its own reason.
	if _, err := registry.Verify(good, goodSig, trust, now); err != nil {
		t.Fatalf("Verify of the untouched index: %v", err)
	}
}

func TestSignRefusesMalformedIndex(t *testing.T) {
	_, key := newKey(t)
	_, err := registry.Sign([]byte(`{"serial": 1}`), key)
	wantError(t, err, registry.ErrMalformed, "no expiry date")
}

func TestLatestAndRevoked(t *testing.T) {
	regPub, regKey := newKey(t)
	author, _ := newKey(t)
	index := encode(t, indexJSON(t, 1, author.String(),
		version("1.2.0"), version("1.10.0"), version("1.9.0"),
		version("1.11.0", "yanked", "broken build"),
		version("3.0.0", "revoked", "steals secrets"),
		version("2.0.0-beta.1")))
	ix, err := registry.Verify(index, signed(t, index, regKey), registry.Trust{PublicKey: regPub.String()}, now)
	if err != nil {
		t.Fatal(err)
	}
	e, v, ok := ix.Latest("dev.hearth.units")
	if !ok || v.Version != "1.10.0" || e.ID != "dev.hearth.units" {
		t.Errorf("Latest = %q, %v; want 1.10.0 (semver order, not yanked 1.11.0, revoked 3.0.0 or the 2.0.0 beta)", v.Version, ok)
	}
	if _, _, ok := ix.Latest("dev.hearth.other"); ok {
		t.Error("Latest found a plugin not in the index")
	}
	if reason, ok := ix.Revoked("dev.hearth.units", "3.0.0"); !ok || reason != "steals secrets" {
		t.Errorf("Revoked(3.0.0) = %q, %v", reason, ok)
	}
	for _, v := range []string{"1.2.0", "1.11.0", "9.9.9", "garbage"} {
		if reason, ok := ix.Revoked("dev.hearth.units", v); ok {
			t.Errorf("Revoked(%s) = %q", v, reason)
		}
	}
	if _, ok := ix.Revoked("dev.hearth.other", "3.0.0"); ok {
		t.Error("Revoked found a plugin not in the index")
	}
}

func TestLatestNoneOffered(t *testing.T) {
	ix := &registry.Index{Plugins: []registry.Entry{{ID: "a.b", Versions: []registry.Version{{Version: "1.0.0", Yanked: "x"}}}}}
	if _, _, ok := ix.Latest("a.b"); ok {
		t.Error("Latest offered a yanked version")
	}
}
