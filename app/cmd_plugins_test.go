package app_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/app"
)

// The example plugins, relative to app/.
const (
	unitsDir  = "../plugins/examples/units"
	recallDir = "../plugins/examples/recall"
	fetchDir  = "../plugins/examples/fetch"
	loopDir   = "testdata/plugins/loop"
)

// pluginHome starts a fresh data directory for a test, with its store
// created (so that later commands print only their own lines).
func pluginHome(t *testing.T) {
	t.Helper()
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", "plugin passphrase")
	mustRun(t, "memory", "list")
}

// packPlugin packs the plugin in dir (its plugin.json changed by edit)
// with `hearth plugins pack` and the key file key, and returns the zip's
// path.
func packPlugin(t *testing.T, dir, key string, edit func(map[string]any)) string {
	t.Helper()
	stage := app.PluginStage(t, dir, edit)
	out := filepath.Join(t.TempDir(), filepath.Base(dir)+".zip")
	code, stdout, stderr := run(t, "plugins", "pack", stage, "--key", key, "-o", out)
	if code != 0 {
		t.Fatalf("plugins pack %s: exit %d, out %q, err %q", dir, code, stdout, stderr)
	}
	return out
}

// mustFail runs a hearth command that must fail with one line that holds
// every part of want, and returns that line.
func mustFail(t *testing.T, want []string, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, args...)
	if code == 0 || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("hearth %v: exit %d, out %q, err %q; want a one-line failure", args, code, out, errOut)
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Fatalf("hearth %v: err %q does not say %q", args, errOut, w)
		}
	}
	return errOut
}

// listedPlugin is one plugin in `plugins list --json`.
type listedPlugin struct {
	ID           string `json:"id"`
	Version      string `json:"version"`
	Enabled      bool   `json:"enabled"`
	Signed       bool   `json:"signed"`
	KeyID        string `json:"key_id"`
	Revoked      string `json:"revoked"`
	Label        string `json:"label"`
	Capabilities []struct {
		Name  string   `json:"name"`
		Hosts []string `json:"hosts"`
	} `json:"capabilities"`
}

func listPlugins(t *testing.T) []listedPlugin {
	t.Helper()
	var ps []listedPlugin
	out := mustRun(t, "plugins", "list", "--json")
	if err := json.Unmarshal([]byte(out), &ps); err != nil {
		t.Fatalf("plugins list --json = %q: %v", out, err)
	}
	return ps
}

// TestPluginsUnits installs the units example signed by a fresh key and
// converts a mile: 1 mi = 1609.344 m exactly (the international mile), so
// 1.609344 km.
func TestPluginsUnits(t *testing.T) {
	pluginHome(t)
	key, pub := app.SigningKey(t)
	zip := packPlugin(t, unitsDir, key, nil)

	out := mustRun(t, "plugins", "install", zip, "--yes")
	if !strings.Contains(out, "Installed dev.hearth.units") || !strings.Contains(out, app.KeyID(pub)) {
		t.Fatalf("install said %q", out)
	}
	out = mustRun(t, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`, "--json")
	var res struct {
		Text       string `json:"text"`
		Structured struct {
			Value float64 `json:"value"`
			Unit  string  `json:"unit"`
		} `json:"structured"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("plugins call --json = %q: %v", out, err)
	}
	if want := 1609.344 / 1000; math.Abs(res.Structured.Value-want) > 1e-12 || res.Structured.Unit != "km" || !strings.Contains(res.Text, "1.609344") {
		t.Fatalf("1 mi in km = %q, want %v", out, want)
	}
	ps := listPlugins(t)
	if len(ps) != 1 || ps[0].ID != "dev.hearth.units" || !ps[0].Enabled || !ps[0].Signed || ps[0].KeyID != app.KeyID(pub) || len(ps[0].Capabilities) != 0 {
		t.Fatalf("list: %+v", ps)
	}

	// An error result exits non-zero; a disabled plugin is refused; a
	// removed one is gone.
	if code, out, _ := run(t, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"parsec-per-fortnight"}`); code == 0 {
		t.Fatalf("a conversion the plugin cannot do exited 0: %q", out)
	}
	mustFail(t, []string{"the arguments must be a JSON object"}, "plugins", "call", "dev.hearth.units", "convert", `[1]`)
	mustRun(t, "plugins", "disable", "dev.hearth.units")
	mustFail(t, []string{"disabled"}, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`)
	mustRun(t, "plugins", "enable", "dev.hearth.units")
	mustRun(t, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`)
	mustRun(t, "plugins", "rm", "dev.hearth.units")
	if ps := listPlugins(t); len(ps) != 0 {
		t.Fatalf("after rm: %+v", ps)
	}
	mustFail(t, []string{"no such plugin"}, "plugins", "call", "dev.hearth.units", "convert", `{}`)
}

// TestPluginsRecall: memories added with `hearth memory add` are found by
// the recall example, which holds memory:read; without --yes and without a
// terminal the install is refused, naming the capability.
func TestPluginsRecall(t *testing.T) {
	pluginHome(t)
	key, _ := app.SigningKey(t)
	zip := packPlugin(t, recallDir, key, nil)

	mustFail(t, []string{"dev.hearth.recall", "memory:read", "--yes"}, "plugins", "install", zip)
	if ps := listPlugins(t); len(ps) != 0 {
		t.Fatalf("a refused install installed: %+v", ps)
	}
	mustRun(t, "memory", "add", "My bicycle is dark green")
	mustRun(t, "memory", "add", "The cat is called Miso")
	mustRun(t, "plugins", "install", zip, "--yes")
	out := mustRun(t, "plugins", "call", "dev.hearth.recall", "recall", `{"query":"bicycle"}`)
	if !strings.Contains(out, "My bicycle is dark green") || strings.Contains(out, "Miso") {
		t.Fatalf("recall bicycle = %q", out)
	}
}

// TestPluginsUpdate: an update signed by another key is refused and the
// installed version keeps working; an update asking for a new capability
// is refused without an answer, naming it, and with --yes prints the
// difference and installs.
func TestPluginsUpdate(t *testing.T) {
	pluginHome(t)
	key, pub := app.SigningKey(t)
	other, _ := app.SigningKey(t)
	version := func(v string, caps ...map[string]any) func(map[string]any) {
		return func(m map[string]any) {
			m["version"] = v
			if caps != nil {
				m["capabilities"] = caps
			}
		}
	}
	mustRun(t, "plugins", "install", packPlugin(t, unitsDir, key, version("1.0.0")), "--yes")

	stranger := packPlugin(t, unitsDir, other, version("1.1.0"))
	mustFail(t, []string{"another key"}, "plugins", "install", stranger, "--yes")
	mustRun(t, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`)

	wider := packPlugin(t, unitsDir, key, version("1.1.0", map[string]any{"name": "notify", "reason": "Says when a conversion is done."}))
	mustFail(t, []string{"more than you granted", "notify"}, "plugins", "install", wider)
	if ps := listPlugins(t); len(ps) != 1 || ps[0].Version != "1.0.0" {
		t.Fatalf("a refused update changed the plugin: %+v", ps)
	}
	out := mustRun(t, "plugins", "install", wider, "--yes")
	if !strings.Contains(out, "update from 1.0.0") || !strings.Contains(out, "+ notify") {
		t.Fatalf("the update's difference was not shown: %q", out)
	}
	ps := listPlugins(t)
	if len(ps) != 1 || ps[0].Version != "1.1.0" || ps[0].KeyID != app.KeyID(pub) || len(ps[0].Capabilities) != 1 || ps[0].Capabilities[0].Name != "notify" {
		t.Fatalf("after the update: %+v", ps)
	}
	mustRun(t, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`)
}

// TestPluginsUnsigned: an unsigned plugin is refused until developer mode
// is on, and then listed as unsigned.
func TestPluginsUnsigned(t *testing.T) {
	pluginHome(t)
	zip := filepath.Join(t.TempDir(), "unsigned.zip")
	if err := os.WriteFile(zip, app.StageZip(t, app.PluginStage(t, unitsDir, nil), "", nil), 0o600); err != nil {
		t.Fatal(err)
	}
	mustFail(t, []string{"not signed", "dev-mode on"}, "plugins", "install", zip, "--yes")
	mustRun(t, "plugins", "dev-mode", "on")
	mustRun(t, "plugins", "install", zip, "--yes")
	ps := listPlugins(t)
	if len(ps) != 1 || ps[0].Signed || ps[0].KeyID != "" || !strings.Contains(ps[0].Label, "unsigned (developer mode)") {
		t.Fatalf("list: %+v", ps)
	}
	if out := mustRun(t, "plugins", "list"); !strings.Contains(out, "unsigned (developer mode)") {
		t.Fatalf("list: %q", out)
	}
	mustRun(t, "plugins", "call", "dev.hearth.units", "convert", `{"value":1,"from":"mi","to":"km"}`)
	mustRun(t, "plugins", "dev-mode", "off")
	mustFail(t, []string{"on or off"}, "plugins", "dev-mode", "maybe")
}

// TestPluginsLoop: a plugin that never returns is stopped at its time
// limit; the command ends with one sentence and the store is fine after.
func TestPluginsLoop(t *testing.T) {
	pluginHome(t)
	key, _ := app.SigningKey(t)
	mustRun(t, "plugins", "install", packPlugin(t, loopDir, key, nil), "--yes")
	mustFail(t, nil, "plugins", "call", "test.hearth.loop", "spin", `{}`)
	mustRun(t, "memory", "add", "still here")
	if out := mustRun(t, "memory", "list"); !strings.Contains(out, "still here") {
		t.Fatalf("memory list after the loop: %q", out)
	}
	if ps := listPlugins(t); len(ps) != 1 || !ps[0].Enabled {
		t.Fatalf("list after the loop: %+v", ps)
	}
	if out := mustRun(t, "plugins", "audit"); !strings.Contains(out, "test.hearth.loop") {
		t.Fatalf("the loop is not in the audit log: %q", out)
	}
}
