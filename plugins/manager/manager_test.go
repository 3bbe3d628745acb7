package manager_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"aead.dev/minisign"
	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/hearth-app/hearth/plugins/manifest"
	"github.com/hearth-app/hearth/plugins/tool"
)

// unitsWasm is the units example built once for this test binary.
var unitsWasm = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "manager-test-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "units.wasm")
	cmd := exec.Command("go", "build", "-buildmode=c-shared", "-o", out, "../examples/units")
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, errors.New(string(msg))
	}
	return os.ReadFile(out)
})

// units packs the units example with key (nil: unsigned through a dev
// key that is then dropped), its manifest changed by edit.
func units(t *testing.T, key minisign.PrivateKey, edit func(*manifest.Manifest)) []byte {
	t.Helper()
	wasm, err := unitsWasm()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../examples/units/plugin.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(m)
	}
	dir := t.TempDir()
	b, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(dir, "plugin.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, m.Entry), wasm, 0o600); err != nil {
		t.Fatal(err)
	}
	zip, err := bundle.Pack(dir, key)
	if err != nil {
		t.Fatal(err)
	}
	return zip
}

func newKey(t *testing.T) minisign.PrivateKey {
	t.Helper()
	_, k, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// asker answers every prompt with yes (or no) and keeps them.
type asker struct {
	yes     bool
	n       atomic.Int32
	prompts []manager.Prompt
}

func (a *asker) Approve(_ context.Context, p manager.Prompt) (bool, error) {
	a.n.Add(1)
	a.prompts = append(a.prompts, p)
	return a.yes, nil
}

func version(v string, caps ...manifest.Capability) func(*manifest.Manifest) {
	return func(m *manifest.Manifest) {
		m.Version = v
		if caps != nil {
			m.Capabilities = caps
		}
	}
}

var notify = manifest.Capability{Name: manifest.CapNotify, Reason: "Says when it is done."}

func convert(t *testing.T, m *manager.Manager) (tool.Result, error) {
	t.Helper()
	return m.Call(context.Background(), "dev.hearth.units", "convert", json.RawMessage(`{"value":1,"from":"mi","to":"km"}`))
}

// TestInstallOrder: refusals that no answer may pass come before the
// question; a refused or declined update leaves the installed version
// working.
func TestInstallOrder(t *testing.T) {
	ctx := context.Background()
	st := &tool.MemStore{}
	m := manager.New(st, manager.Options{Version: "dev"})
	defer m.Close(ctx)
	key := newKey(t)
	yes := &asker{yes: true}
	if _, err := m.Install(ctx, units(t, key, version("1.0.0")), yes); err != nil {
		t.Fatal(err)
	}
	if p := yes.prompts[0]; !p.NewKey || p.Update || p.Unsigned || p.KeyID != bundle.FormatKeyID(key.ID()) || p.ID != "dev.hearth.units" {
		t.Fatalf("first prompt: %+v", p)
	}

	stranger := &asker{yes: true}
	if _, err := m.Install(ctx, units(t, newKey(t), version("1.1.0")), stranger); !errors.Is(err, manager.ErrKeyChanged) || stranger.n.Load() != 0 {
		t.Fatalf("another key: %v, asked %d times", err, stranger.n.Load())
	}
	no := &asker{yes: false}
	if _, err := m.Install(ctx, units(t, key, version("1.1.0", notify)), no); !errors.Is(err, manager.ErrDeclined) {
		t.Fatalf("declined: %v", err)
	}
	if p := no.prompts[0]; !p.Update || !p.Wider || p.FromVersion != "1.0.0" || p.NewKey ||
		len(p.Diff) != 1 || p.Diff[0].Kind != "added" || p.Diff[0].Capability != manifest.CapNotify {
		t.Fatalf("wider update's prompt: %+v", p)
	}
	pl, err := m.Get(ctx, "dev.hearth.units")
	if err != nil || pl.Version != "1.0.0" || len(pl.Capabilities) != 0 {
		t.Fatalf("after refusals: %+v %v", pl, err)
	}
	if res, err := convert(t, m); err != nil || !strings.Contains(res.Text, "1.609344") {
		t.Fatalf("the installed version stopped working: %+v %v", res, err)
	}

	// Wider, accepted; then narrower: shown, not wider.
	if _, err := m.Install(ctx, units(t, key, version("1.1.0", notify)), yes); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Install(ctx, units(t, key, version("1.2.0", []manifest.Capability{}...)), yes); err != nil {
		t.Fatal(err)
	}
	if p := yes.prompts[2]; p.Wider || len(p.Diff) != 1 || p.Diff[0].Kind != "removed" {
		t.Fatalf("narrower update's prompt: %+v", p)
	}
	if res, err := convert(t, m); err != nil || !strings.Contains(res.Text, "1.609344") {
		t.Fatalf("after the updates: %+v %v", res, err)
	}
}

// TestInstallRefusals: unsigned without developer mode, and a plugin that
// needs a newer Hearth, are refused before anyone is asked.
func TestInstallRefusals(t *testing.T) {
	ctx := context.Background()
	m := manager.New(&tool.MemStore{}, manager.Options{Version: "0.1.0"})
	defer m.Close(ctx)
	a := &asker{yes: true}
	unsigned := units(t, minisign.PrivateKey{}, nil)
	if _, err := m.Install(ctx, unsigned, a); !errors.Is(err, manager.ErrUnsigned) || a.n.Load() != 0 {
		t.Fatalf("unsigned: %v, asked %d", err, a.n.Load())
	}
	newer := units(t, newKey(t), func(m *manifest.Manifest) { m.MinHearth = "0.2.0" })
	if _, err := m.Install(ctx, newer, a); !errors.Is(err, manager.ErrTooNew) || a.n.Load() != 0 {
		t.Fatalf("too new: %v, asked %d", err, a.n.Load())
	}
	if err := m.SetDevMode(ctx, true); err != nil {
		t.Fatal(err)
	}
	p, err := m.Install(ctx, unsigned, a)
	if err != nil || p.Signed || !strings.Contains(p.Label, manager.UnsignedLabel) || !a.prompts[0].Unsigned {
		t.Fatalf("unsigned in developer mode: %+v %v", p, err)
	}
}

// TestProviders: one provider per enabled plugin, sandboxed, with the
// manifest's read-only hint as RiskRead; a disabled plugin offers nothing.
func TestProviders(t *testing.T) {
	ctx := context.Background()
	m := manager.New(&tool.MemStore{}, manager.Options{})
	defer m.Close(ctx)
	if _, err := m.Install(ctx, units(t, newKey(t), nil), &asker{yes: true}); err != nil {
		t.Fatal(err)
	}
	ps, err := m.Providers(ctx)
	if err != nil || len(ps) != 1 || ps[0].Source() != "plugin:dev.hearth.units" {
		t.Fatalf("providers: %v %v", ps, err)
	}
	ts, err := ps[0].Tools(ctx)
	if err != nil || len(ts) != 1 || ts[0].Name != "convert" || ts[0].Trust != tool.TrustSandboxed || ts[0].Risk != tool.RiskRead {
		t.Fatalf("tools: %+v %v", ts, err)
	}
	if err := m.Disable(ctx, "dev.hearth.units"); err != nil {
		t.Fatal(err)
	}
	if ps, _ := m.Providers(ctx); len(ps) != 0 {
		t.Fatalf("a disabled plugin is offered: %v", ps)
	}
	if _, err := convert(t, m); !errors.Is(err, manager.ErrDisabled) {
		t.Fatalf("disabled call: %v", err)
	}
}

func TestRisk(t *testing.T) {
	fetch := []manifest.Capability{{Name: manifest.CapNetFetch, Hosts: []string{"example.com"}}}
	for _, tc := range []struct {
		name    string
		tool    manifest.Tool
		granted []manifest.Capability
		want    tool.Risk
	}{
		{"read-only", manifest.Tool{ReadOnly: true}, nil, tool.RiskRead},
		{"no hint", manifest.Tool{}, nil, tool.RiskWrite},
		{"destructive", manifest.Tool{Destructive: true}, nil, tool.RiskOpen},
		{"read-only but reaches the network", manifest.Tool{ReadOnly: true}, fetch, tool.RiskOpen},
	} {
		if got := manager.Risk(tc.tool, tc.granted); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestRemove forgets the plugin, its grants and its secrets.
func TestRemove(t *testing.T) {
	ctx := context.Background()
	st := &tool.MemStore{}
	m := manager.New(st, manager.Options{})
	defer m.Close(ctx)
	if _, err := m.Install(ctx, units(t, newKey(t), nil), &asker{yes: true}); err != nil {
		t.Fatal(err)
	}
	if err := m.SetSecret(ctx, "dev.hearth.units", "token", "s3cret"); err != nil {
		t.Fatal(err)
	}
	grant := tool.GrantKey("plugin:dev.hearth.units", "convert")
	if err := st.Put(ctx, grant, []byte("always")); err != nil {
		t.Fatal(err)
	}
	if err := m.Remove(ctx, "dev.hearth.units"); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{grant, "plugins/dev.hearth.units/secret/token", "plugins/dev.hearth.units/state"} {
		if _, ok, _ := st.Get(ctx, key); ok {
			t.Errorf("%s is still stored", key)
		}
	}
	if _, _, err := m.Secret(ctx, "dev.hearth.units", "token"); err != nil {
		t.Fatal(err)
	}
	if ps, err := m.List(ctx); err != nil || len(ps) != 0 {
		t.Fatalf("list after remove: %+v %v", ps, err)
	}
}
