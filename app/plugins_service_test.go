package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/hearth-app/hearth/plugins/manifest"
	"github.com/hearth-app/hearth/plugins/registry"
	"github.com/hearth-app/hearth/plugins/tool"
)

// unitsExample is the units example plugin, relative to app/.
const unitsExample = "../plugins/examples/units"

// pickingDialogs answers the open-file dialog with file and every
// confirmation with yes.
type pickingDialogs struct {
	answeringDialogs
	file string
}

func (d *pickingDialogs) OpenFile(string, string) (string, error) { return d.file, nil }

// unitsZip packs the units example, its manifest changed by edit, signed
// by key (unsigned when key is nil), into a file and returns its path.
func unitsZip(t *testing.T, key *minisign.PrivateKey, edit func(map[string]any)) string {
	t.Helper()
	stage := pluginStage(t, unitsExample, edit)
	var zip []byte
	if key != nil {
		var err error
		if zip, err = bundle.Pack(stage, *key); err != nil {
			t.Fatal(err)
		}
	} else {
		zip = stageZip(t, stage, "", nil)
	}
	path := filepath.Join(t.TempDir(), "units.zip")
	if err := os.WriteFile(path, zip, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// version sets a manifest's version, and its capabilities when caps is
// not nil.
func version(v string, caps []map[string]any) func(map[string]any) {
	return func(m map[string]any) {
		m["version"] = v
		if caps != nil {
			m["capabilities"] = caps
		}
	}
}

func newPluginsTest(t *testing.T) (*PluginsService, *pickingDialogs, *scriptedChat) {
	t.Helper()
	c := newScriptedChat(t, []string{"Hello."})
	t.Cleanup(func() { _ = c.s.stopTools() })
	dlg := &pickingDialogs{answeringDialogs: answeringDialogs{yes: true}}
	return NewPluginsService(c.s, dlg), dlg, c
}

// TestPluginsServiceSheetThenInstall installs the units example through
// its sheet: nothing is installed by the sheet, the token installs once,
// and the plugin's tool is then in the chat's tools, sandboxed, and runs.
func TestPluginsServiceSheetThenInstall(t *testing.T) {
	s, dlg, c := newPluginsTest(t)
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	dlg.file = unitsZip(t, &priv, nil)

	sheet, err := s.InspectFile()
	if err != nil {
		t.Fatal(err)
	}
	p := sheet.Prompt
	if sheet.Token == "" || sheet.From != "units.zip" || p.ID != "dev.hearth.units" || p.Version != "1.0.0" ||
		p.KeyID != keyID(pub) || !p.NewKey || p.Unsigned || p.Update || len(p.Tools) != 1 || p.Tools[0].Name != "convert" {
		t.Fatalf("sheet: %+v", sheet)
	}
	if listed, err := s.List(); err != nil || len(listed) != 0 {
		t.Fatalf("the sheet installed something: %+v %v", listed, err)
	}

	// The page's Install is not the person's yes: the native dialog is,
	// and it repeats the signer and the tools.
	dlg.yes = false
	if _, err := s.Install(sheet.Token); !errors.Is(err, errNotConfirmed) {
		t.Fatalf("install without the native yes: %v", err)
	}
	if q := dlg.questions[len(dlg.questions)-1]; !strings.HasPrefix(q, "Install Units 1.0.0?") || !strings.Contains(q, keyID(pub)) ||
		!strings.Contains(q, "convert") || !strings.Contains(q, "units.zip") {
		t.Fatalf("the native question: %q", q)
	}
	if listed, _ := s.List(); len(listed) != 0 {
		t.Fatalf("installed without the native yes: %+v", listed)
	}
	dlg.yes = true
	got, err := s.Install(sheet.Token) // a no left the sheet waiting
	if err != nil || got.ID != "dev.hearth.units" || !got.Enabled || !got.Signed || got.KeyID != keyID(pub) {
		t.Fatalf("install: %+v %v", got, err)
	}
	if _, err := s.Install(sheet.Token); !errors.Is(err, errSheetGone) {
		t.Fatalf("a token installed twice: %v", err)
	}

	tools, err := NewToolsService(c.s, dlg).Tools()
	if err != nil {
		t.Fatal(err)
	}
	var convert *ToolInfo
	for i := range tools {
		if tools[i].Source == "plugin:dev.hearth.units" && tools[i].Name == "convert" {
			convert = &tools[i]
		}
	}
	if convert == nil || convert.Trust != string(tool.TrustSandboxed) {
		t.Fatalf("the plugin's tool is not listed as sandboxed: %+v", tools)
	}
	res, err := s.plugins.Call(context.Background(), "dev.hearth.units", "convert", json.RawMessage(`{"value": 1, "from": "mi", "to": "km"}`))
	if err != nil || !strings.Contains(res.Text, "1.609344") {
		t.Fatalf("convert: %+v %v", res, err)
	}
}

// TestPluginsServiceUpdateSheet shows an update that asks for more: the
// sheet carries the diff, and a sheet whose plugin changed underneath
// (another version installed since) installs nothing.
func TestPluginsServiceUpdateSheet(t *testing.T) {
	s, dlg, _ := newPluginsTest(t)
	_, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	dlg.file = unitsZip(t, &priv, version("1.0.0", []map[string]any{{"name": "notify", "reason": "Says when a conversion is done."}}))
	first, err := s.InspectFile()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Install(first.Token); err != nil {
		t.Fatal(err)
	}

	wider := []map[string]any{
		{"name": "memory:read", "reason": "Finds the units you use most."},
		{"name": "net:fetch", "reason": "Fetches exchange rates.", "hosts": []string{"rates.example.com"}},
	}
	dlg.file = unitsZip(t, &priv, version("1.1.0", wider))
	update, err := s.InspectFile()
	if err != nil {
		t.Fatal(err)
	}
	p := update.Prompt
	want := []manifest.Change{
		{Kind: manifest.ChangeAdded, Capability: "memory:read", Reason: "Finds the units you use most."},
		{Kind: manifest.ChangeAdded, Capability: "net:fetch", Reason: "Fetches exchange rates.", Hosts: []string{"rates.example.com"}},
		{Kind: manifest.ChangeRemoved, Capability: "notify"}, // a removal names the capability only
	}
	if !p.Update || p.FromVersion != "1.0.0" || !p.Wider || p.NewKey || !sameJSON(p.Diff, want) {
		t.Fatalf("update sheet: %+v", p)
	}
	dlg.yes = false
	if _, err := s.Install(update.Token); !errors.Is(err, errNotConfirmed) {
		t.Fatalf("update without the native yes: %v", err)
	}
	if q := dlg.questions[len(dlg.questions)-1]; !strings.HasPrefix(q, "Update Units to 1.1.0?") || !strings.Contains(q, "rates.example.com") {
		t.Fatalf("the native question of the update: %q", q)
	}
	dlg.yes = true

	dlg.file = unitsZip(t, &priv, version("1.2.0", nil))
	other, err := s.InspectFile()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Install(other.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Install(update.Token); !errors.Is(err, errSheetStale) {
		t.Fatalf("a sheet installed a plugin that changed since it was shown: %v", err)
	}
	if listed, _ := s.List(); len(listed) != 1 || listed[0].Version != "1.2.0" {
		t.Fatalf("installed: %+v", listed)
	}
}

// TestPluginsServiceUnsigned refuses an unsigned plugin until developer
// mode is on (which asks first), then marks it.
func TestPluginsServiceUnsigned(t *testing.T) {
	s, dlg, _ := newPluginsTest(t)
	dlg.file = unitsZip(t, nil, func(m map[string]any) { m["id"] = "dev.hearth.units-dev" })
	_, err := s.InspectFile()
	if err == nil || !strings.Contains(err.Error(), "not signed") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("unsigned without developer mode: %v", err)
	}
	dlg.yes = false
	if err := s.SetDevMode(true); !errors.Is(err, errNotConfirmed) {
		t.Fatalf("developer mode without a yes: %v", err)
	}
	dlg.yes = true
	if err := s.SetDevMode(true); err != nil {
		t.Fatal(err)
	}
	if on, err := s.DevMode(); !on || err != nil {
		t.Fatalf("dev mode: %v %v", on, err)
	}
	sheet, err := s.InspectFile()
	if err != nil || !sheet.Prompt.Unsigned || sheet.Prompt.KeyID != "" {
		t.Fatalf("unsigned sheet: %+v %v", sheet, err)
	}
	p, err := s.Install(sheet.Token)
	if err != nil || p.Signed || !strings.Contains(p.Label, manager.UnsignedLabel) {
		t.Fatalf("unsigned install: %+v %v", p, err)
	}
}

// TestPluginsServiceLifecycle disables, enables and removes a plugin; the
// removal needs a yes in the native dialog. A cancelled file dialog or
// sheet installs nothing.
func TestPluginsServiceLifecycle(t *testing.T) {
	s, dlg, _ := newPluginsTest(t)
	_, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	dlg.file = ""
	if sheet, err := s.InspectFile(); err != nil || sheet.Token != "" {
		t.Fatalf("cancelled dialog: %+v %v", sheet, err)
	}
	dlg.file = unitsZip(t, &priv, nil)
	sheet, err := s.InspectFile()
	if err != nil {
		t.Fatal(err)
	}
	s.Cancel(sheet.Token)
	if _, err := s.Install(sheet.Token); !errors.Is(err, errSheetGone) {
		t.Fatalf("a cancelled sheet installed: %v", err)
	}
	sheet, _ = s.InspectFile()
	if _, err := s.Install(sheet.Token); err != nil {
		t.Fatal(err)
	}
	const id = "dev.hearth.units"
	if err := s.Disable(id); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.List(); ps[0].Enabled {
		t.Fatal("still enabled")
	}
	if err := s.Enable(id); err != nil {
		t.Fatal(err)
	}
	dlg.yes = false
	if err := s.Remove(id); !errors.Is(err, errNotConfirmed) {
		t.Fatalf("remove without a yes: %v", err)
	}
	if !strings.Contains(dlg.questions[len(dlg.questions)-1], id) {
		t.Fatalf("the question does not name the plugin: %q", dlg.questions)
	}
	dlg.yes = true
	if err := s.Remove(id); err != nil {
		t.Fatal(err)
	}
	if ps, err := s.List(); err != nil || len(ps) != 0 {
		t.Fatalf("after remove: %+v %v", ps, err)
	}
	if err := s.Enable(id); err == nil || strings.Contains(err.Error(), "\n") {
		t.Fatalf("enable a removed plugin: %v", err)
	}
	if log, err := s.Audit(); err != nil || log == nil {
		t.Fatalf("audit: %v %v", log, err)
	}
}

// TestPendingSheetsBounded keeps at most maxPendingSheets sheets, each for
// pendingSheetTTL.
func TestPendingSheetsBounded(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p := newPendingSheets(func() time.Time { return now })
	var tokens []string
	for i := range maxPendingSheets + 1 {
		tokens = append(tokens, p.add(pendingSheet{from: string(rune('a' + i))}))
		now = now.Add(time.Second)
	}
	if _, ok := p.take(tokens[0]); ok {
		t.Fatal("the oldest sheet was kept past the bound")
	}
	if ps, ok := p.take(tokens[1]); !ok || ps.from != "b" {
		t.Fatalf("take: %+v %v", ps, ok)
	}
	now = now.Add(pendingSheetTTL + time.Second)
	if _, ok := p.take(tokens[2]); ok {
		t.Fatal("a sheet outlived its time")
	}
}

// sameJSON compares two values by their JSON.
func sameJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// servedRegistry is a registry on 127.0.0.1 whose signed index offers
// the zip it serves as units 1.0.0.
type servedRegistry struct {
	url, key string
	regKey   minisign.PrivateKey
	entry    registry.Entry
	mu       sync.Mutex
	files    map[string][]byte
}

func serveRegistry(t *testing.T, zip []byte, author minisign.PublicKey) *servedRegistry {
	t.Helper()
	regPub, regKey, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	r := &servedRegistry{key: regPub.String(), regKey: regKey, files: map[string][]byte{"/units.zip": zip}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		body, ok := r.files[req.URL.Path]
		r.mu.Unlock()
		if !ok {
			http.NotFound(w, req)
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	r.url = srv.URL + "/index.json"
	sum := sha256.Sum256(zip)
	r.entry = registry.Entry{ID: "dev.hearth.units", Name: "Units", Description: "Converts units.", Author: "The Hearth developers",
		PublicKey: author.String(), Versions: []registry.Version{{Version: "1.0.0", URL: srv.URL + "/units.zip",
			SHA256: hex.EncodeToString(sum[:]), Size: int64(len(zip))}}}
	r.publish(t, 1, "")
	return r
}

// publish signs and serves the index with serial, units 1.0.0 revoked
// with the reason revoked ("" for not).
func (r *servedRegistry) publish(t *testing.T, serial uint64, revoked string) {
	t.Helper()
	e := r.entry
	e.Versions = []registry.Version{e.Versions[0]}
	e.Versions[0].Revoked = revoked
	ix := registry.Index{Serial: serial, Expires: time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second), Plugins: []registry.Entry{e}}
	index, _ := json.Marshal(ix)
	sig, err := registry.Sign(index, r.regKey)
	if err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files["/index.json"], r.files["/index.json.minisig"] = index, sig
}

// TestPluginsServiceRegistry chooses a registry (after a native yes),
// lists what its index offers, installs from it through the sheet and a
// native confirmation, and marks the plugin when the registry revokes it.
// A zip from a URL goes through its sheet after the address is confirmed.
func TestPluginsServiceRegistry(t *testing.T) {
	s, dlg, _ := newPluginsTest(t)
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	zip, err := os.ReadFile(unitsZip(t, &priv, nil))
	if err != nil {
		t.Fatal(err)
	}
	reg := serveRegistry(t, zip, pub)
	if v, err := s.Registry(); err != nil || v.URL != "" || len(v.Plugins) != 0 {
		t.Fatalf("registry before one is set: %+v %v", v, err)
	}
	dlg.yes = false
	if err := s.SetRegistry(reg.url, reg.key); !errors.Is(err, errNotConfirmed) {
		t.Fatalf("set without a yes: %v", err)
	}
	dlg.yes = true
	if err := s.SetRegistry(reg.url, reg.key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Refresh(); err != nil {
		t.Fatal(err)
	}
	v, err := s.Registry()
	if err != nil || v.Serial != 1 || len(v.Plugins) != 1 || v.Plugins[0].Latest != "1.0.0" || v.Plugins[0].Installed != "" {
		t.Fatalf("registry: %+v %v", v, err)
	}

	sheet, err := s.InspectRegistry("dev.hearth.units")
	if err != nil || sheet.From != "registry" || sheet.Prompt.KeyID != keyID(pub) {
		t.Fatalf("registry sheet: %+v %v", sheet, err)
	}
	if ps, _ := s.List(); len(ps) != 0 {
		t.Fatalf("the registry sheet installed: %+v", ps)
	}
	asked := len(dlg.questions)
	dlg.yes = false
	if _, err := s.Install(sheet.Token); !errors.Is(err, errNotConfirmed) {
		t.Fatalf("a registry install without the native yes: %v", err)
	}
	if len(dlg.questions) != asked+1 || !strings.Contains(dlg.questions[asked], keyID(pub)) {
		t.Fatalf("the native question does not show the signer: %q", dlg.questions)
	}
	dlg.yes = true
	sheet, _ = s.InspectRegistry("dev.hearth.units")
	if p, err := s.Install(sheet.Token); err != nil || p.Origin != "registry" {
		t.Fatalf("registry install: %+v %v", p, err)
	}
	if v, _ := s.Registry(); v.Plugins[0].Installed != "1.0.0" {
		t.Fatalf("registry after install: %+v", v)
	}

	// The same zip by its URL, as an update of nothing new.
	zipURL := strings.TrimSuffix(reg.url, "index.json") + "units.zip"
	dlg.yes = false
	if _, err := s.InspectURL(zipURL); !errors.Is(err, errNotConfirmed) {
		t.Fatalf("a download without the native yes: %v", err)
	}
	dlg.yes = true
	byURL, err := s.InspectURL(zipURL)
	if err != nil || byURL.From != zipURL || byURL.Prompt.SHA256 != sheet.Prompt.SHA256 || !byURL.Prompt.Update {
		t.Fatalf("URL sheet: %+v %v", byURL, err)
	}
	s.Cancel(byURL.Token)

	// The registry revokes the version: a refresh disables it, with the reason.
	reg.publish(t, 2, "sends your notes away")
	rep, err := s.Refresh()
	if err != nil || len(rep.Revoked) != 1 {
		t.Fatalf("refresh: %+v %v", rep, err)
	}
	ps, _ := s.List()
	if len(ps) != 1 || ps[0].Enabled || ps[0].Revoked != "sends your notes away" {
		t.Fatalf("after the revocation: %+v", ps)
	}
	if err := s.Enable("dev.hearth.units"); err == nil || !strings.Contains(err.Error(), "revoked") {
		t.Fatalf("enable a revoked plugin: %v", err)
	}
	if v, _ := s.Registry(); v.Plugins[0].Latest != "" {
		t.Fatalf("the registry still offers a revoked version: %+v", v)
	}
}
