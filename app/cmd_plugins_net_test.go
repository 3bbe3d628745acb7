package app_test

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/plugins/registry"
)

// auditEntry is one entry of `plugins audit --json`.
type auditEntry struct {
	Plugin   string `json:"plugin"`
	Function string `json:"function"`
	Allowed  bool   `json:"allowed"`
	Detail   string `json:"detail"`
}

// TestPluginsFetch: the fetch example reads a page's title from a server
// on 127.0.0.1 only when the test lets the host reach that port; by
// default the host refuses, and the refusal is in the audit log.
func TestPluginsFetch(t *testing.T) {
	pluginHome(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "<html><head><title>  Hearth \n fetch test </title></head><body>hi</body></html>")
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	port, _ := strconv.Atoi(u.Port())
	key, _ := app.SigningKey(t)
	mustRun(t, "plugins", "install", packPlugin(t, fetchDir, key, nil), "--yes")
	args := `{"url":"` + srv.URL + `/page"}`

	if code, out, _ := run(t, "plugins", "call", "dev.hearth.fetch", "fetch_title", args); code == 0 {
		t.Fatalf("the host reached 127.0.0.1 without the test's permission: %q", out)
	}
	var log []auditEntry
	if err := json.Unmarshal([]byte(mustRun(t, "plugins", "audit", "--json")), &log); err != nil {
		t.Fatal(err)
	}
	denied := false
	for _, e := range log {
		denied = denied || (e.Plugin == "dev.hearth.fetch" && !e.Allowed)
	}
	if !denied {
		t.Fatalf("the refused fetch is not in the audit log: %+v", log)
	}

	app.SetPluginLoopbackPort(t, port)
	out := mustRun(t, "plugins", "call", "dev.hearth.fetch", "fetch_title", args)
	if title, _, _ := strings.Cut(out, "\n"); title != "Hearth fetch test" {
		t.Fatalf("fetch_title = %q", out)
	}
}

// TestPluginsSignedByMinisign: a plugin signed with the real minisign
// command (a prehashed signature, minisign's default) installs, and its
// key ID is the one minisign printed.
func TestPluginsSignedByMinisign(t *testing.T) {
	bin, err := exec.LookPath("minisign")
	if err != nil {
		if os.Getenv("HEARTH_REQUIRE_REFERENCE") != "" {
			t.Fatal("minisign is not installed (apt-get install minisign)")
		}
		t.Skip("minisign is not installed (apt-get install minisign)")
	}
	pluginHome(t)
	dir := t.TempDir()
	pubFile, secFile := filepath.Join(dir, "k.pub"), filepath.Join(dir, "k.key")
	if out, err := exec.Command(bin, "-G", "-W", "-p", pubFile, "-s", secFile).CombinedOutput(); err != nil {
		t.Fatalf("minisign -G: %v\n%s", err, out)
	}
	pubText, err := os.ReadFile(pubFile)
	if err != nil {
		t.Fatal(err)
	}
	var pub minisign.PublicKey
	if err := pub.UnmarshalText(pubText); err != nil {
		t.Fatal(err)
	}
	sign := func(manifest []byte) []byte {
		m := filepath.Join(dir, "plugin.json")
		if err := os.WriteFile(m, manifest, 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bin, "-S", "-s", secFile, "-m", m).CombinedOutput(); err != nil {
			t.Fatalf("minisign -S: %v\n%s", err, out)
		}
		sig, err := os.ReadFile(m + ".minisig")
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	zip := filepath.Join(dir, "units.zip")
	if err := os.WriteFile(zip, app.StageZip(t, app.PluginStage(t, unitsDir, nil), pub.String(), sign), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "plugins", "install", zip, "--yes")
	if ps := listPlugins(t); len(ps) != 1 || ps[0].KeyID != app.KeyID(pub) || !ps[0].Signed {
		t.Fatalf("list: %+v (key %s)", ps, app.KeyID(pub))
	}
	mustRun(t, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`)
}

// testRegistry is a registry on 127.0.0.1 whose signed index a test
// replaces at will.
type testRegistry struct {
	srv   *httptest.Server
	key   minisign.PrivateKey
	pub   minisign.PublicKey
	index atomic.Pointer[[2][]byte]
	zip   []byte
}

func newTestRegistry(t *testing.T, zip []byte) *testRegistry {
	t.Helper()
	pub, key, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	r := &testRegistry{key: key, pub: pub, zip: zip}
	mux := http.NewServeMux()
	mux.HandleFunc("/index.json", func(w http.ResponseWriter, _ *http.Request) { w.Write(r.index.Load()[0]) })
	mux.HandleFunc("/index.json.minisig", func(w http.ResponseWriter, _ *http.Request) { w.Write(r.index.Load()[1]) })
	mux.HandleFunc("/units.zip", func(w http.ResponseWriter, _ *http.Request) { w.Write(r.zip) })
	r.srv = httptest.NewServer(mux)
	t.Cleanup(r.srv.Close)
	return r
}

// publish signs and serves an index offering units 1.0.0, yanked or
// revoked with a reason when those are not empty.
func (r *testRegistry) publish(t *testing.T, serial uint64, expires time.Time, pluginKey, yanked, revoked string) {
	t.Helper()
	sum := sha256.Sum256(r.zip)
	ix := registry.Index{Serial: serial, Expires: expires, Plugins: []registry.Entry{{
		ID: "dev.hearth.units", Name: "Units", PublicKey: pluginKey,
		Versions: []registry.Version{{Version: "1.0.0", URL: r.srv.URL + "/units.zip",
			SHA256: hex.EncodeToString(sum[:]), Size: int64(len(r.zip)), Yanked: yanked, Revoked: revoked}},
	}}}
	b, err := json.Marshal(ix)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := registry.Sign(b, r.key)
	if err != nil {
		t.Fatal(err)
	}
	r.index.Store(&[2][]byte{b, sig})
}

// TestPluginsRegistry installs by ID from a signed index, then a new index
// revokes the version: refresh disables it and list shows why. An index
// rolled back to an older serial, or expired, is refused and changes
// nothing.
func TestPluginsRegistry(t *testing.T) {
	pluginHome(t)
	key, pub := app.SigningKey(t)
	zip, err := os.ReadFile(packPlugin(t, unitsDir, key, nil))
	if err != nil {
		t.Fatal(err)
	}
	reg := newTestRegistry(t, zip)
	day := time.Now().Add(24 * time.Hour)
	reg.publish(t, 1, day, pub.String(), "", "")
	mustRun(t, "plugins", "registry", "set", reg.srv.URL+"/index.json", "--key", reg.pub.String())
	mustRun(t, "plugins", "install", "dev.hearth.units", "--yes")
	mustRun(t, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`)

	// Yanked: no longer offered, still installed and running.
	reg.publish(t, 2, day, pub.String(), "superseded", "")
	if out := mustRun(t, "plugins", "refresh"); !strings.Contains(out, "no longer offers") {
		t.Fatalf("refresh said %q", out)
	}
	if out := mustRun(t, "plugins", "list"); !strings.Contains(out, "no longer offered by the registry: superseded") || !strings.Contains(out, "[enabled]") {
		t.Fatalf("list after the yank: %q", out)
	}
	mustRun(t, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`)
	mustFail(t, []string{"offers no version"}, "plugins", "install", "dev.hearth.units", "--yes")

	reg.publish(t, 3, day, pub.String(), "", "the signing key leaked")
	if out := mustRun(t, "plugins", "refresh"); !strings.Contains(out, "Disabled dev.hearth.units") {
		t.Fatalf("refresh said %q", out)
	}
	ps := listPlugins(t)
	if len(ps) != 1 || ps[0].Enabled || ps[0].Revoked != "the signing key leaked" || !strings.Contains(ps[0].Label, "revoked: the signing key leaked") {
		t.Fatalf("after the revocation: %+v", ps)
	}
	if out := mustRun(t, "plugins", "list"); !strings.Contains(out, "the signing key leaked") {
		t.Fatalf("list does not show the reason: %q", out)
	}
	mustFail(t, []string{"revoked"}, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`)
	mustFail(t, []string{"revoked"}, "plugins", "enable", "dev.hearth.units")
	mustFail(t, []string{"revoked"}, "plugins", "install", packedAgain(t, zip), "--yes")

	// Rolled back, then expired: refused, and the state stays.
	reg.publish(t, 2, day, pub.String(), "", "")
	mustFail(t, []string{"older than"}, "plugins", "refresh")
	reg.publish(t, 4, time.Now().Add(-time.Hour), pub.String(), "", "")
	mustFail(t, []string{"expired"}, "plugins", "refresh")
	if after := listPlugins(t); len(after) != 1 || after[0].Revoked != ps[0].Revoked || after[0].Enabled {
		t.Fatalf("a refused index changed the state: %+v", after)
	}
}

// TestPluginsRegistryWrongFile: a download that is not the file the
// signed index lists is refused.
func TestPluginsRegistryWrongFile(t *testing.T) {
	pluginHome(t)
	key, pub := app.SigningKey(t)
	zip, err := os.ReadFile(packPlugin(t, unitsDir, key, nil))
	if err != nil {
		t.Fatal(err)
	}
	reg := newTestRegistry(t, zip)
	reg.publish(t, 1, time.Now().Add(time.Hour), pub.String(), "", "")
	other, err := os.ReadFile(packPlugin(t, unitsDir, key, func(m map[string]any) { m["description"] = "Another build." }))
	if err != nil {
		t.Fatal(err)
	}
	reg.zip = other
	mustRun(t, "plugins", "registry", "set", reg.srv.URL+"/index.json", "--key", reg.pub.String())
	mustFail(t, []string{"not the file the registry lists"}, "plugins", "install", "dev.hearth.units", "--yes")
	if ps := listPlugins(t); len(ps) != 0 {
		t.Fatalf("installed: %+v", ps)
	}
}

// packedAgain writes zip to a file, to install it as a file.
func packedAgain(t *testing.T, zip []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "units.zip")
	if err := os.WriteFile(path, zip, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestPluginsInstallURL installs from a URL on 127.0.0.1 (plain http is
// allowed there only), and refuses a file larger than a plugin may be.
func TestPluginsInstallURL(t *testing.T) {
	pluginHome(t)
	key, _ := app.SigningKey(t)
	zip, err := os.ReadFile(packPlugin(t, unitsDir, key, nil))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/huge.zip" {
			w.Write(make([]byte, 33<<20))
			return
		}
		w.Write(zip)
	}))
	defer srv.Close()
	mustRun(t, "plugins", "install", srv.URL+"/units.zip", "--yes")
	var ps []struct{ ID, Origin string }
	if err := json.Unmarshal([]byte(mustRun(t, "plugins", "list", "--json")), &ps); err != nil || len(ps) != 1 || ps[0].Origin != srv.URL+"/units.zip" {
		t.Fatalf("list: %+v %v", ps, err)
	}
	mustFail(t, []string{"larger than 32 MiB"}, "plugins", "install", srv.URL+"/huge.zip", "--yes")
}
