package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/bundle"
	"github.com/hearth-app/hearth/plugins/manager"
)

// pickingDialogs answers the open dialog with a file, and Confirm as told.
type pickingDialogs struct {
	answeringDialogs
	open string
}

func (d *pickingDialogs) OpenFile(string, string) (string, error) { return d.open, nil }

// TestPluginsServiceInstall: the window shows what a zip asks for, then
// installs exactly that zip once the person confirms in the native dialog;
// a no, or another zip, installs nothing.
func TestPluginsServiceInstall(t *testing.T) {
	c, _ := newTestChat(t)
	t.Cleanup(func() { _ = c.stopTools() })
	keyFile, pub := signingKey(t)
	key, err := bundle.LoadPrivateKey(keyFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	zip, err := bundle.Pack(pluginStage(t, "../plugins/examples/recall", nil), key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "recall.zip")
	if err := os.WriteFile(path, zip, 0o600); err != nil {
		t.Fatal(err)
	}
	dlg := &pickingDialogs{open: path}
	s := NewPluginsService(c, dlg)

	p, err := s.ChooseZip()
	if err != nil || p.ID != "dev.hearth.recall" || !p.NewKey || p.KeyID != keyID(pub) || len(p.Capabilities) != 1 || p.Capabilities[0].Name != "memory:read" {
		t.Fatalf("prompt: %+v %v", p, err)
	}
	if _, err := s.Install("0000"); err == nil {
		t.Fatal("Install took a zip that was not shown")
	}
	if _, err := s.Install(p.SHA256); !errors.Is(err, manager.ErrDeclined) {
		t.Fatalf("install the person refused: %v", err)
	}
	if len(dlg.questions) != 1 || !strings.Contains(dlg.questions[0], "memory:read") || !strings.Contains(dlg.questions[0], keyID(pub)) {
		t.Fatalf("the native dialog did not show what the plugin asks for: %q", dlg.questions)
	}
	if ps, err := s.List(); err != nil || len(ps) != 0 {
		t.Fatalf("a refused install installed: %+v %v", ps, err)
	}
	dlg.yes = true
	pl, err := s.Install(p.SHA256)
	if err != nil || !pl.Enabled || pl.ID != "dev.hearth.recall" {
		t.Fatalf("install: %+v %v", pl, err)
	}
	if err := s.Disable(pl.ID); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.List(); len(ps) != 1 || ps[0].Enabled {
		t.Fatalf("after disable: %+v", ps)
	}
	if err := s.Remove(pl.ID); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.List(); len(ps) != 0 {
		t.Fatalf("after remove: %+v", ps)
	}
}

// TestPluginsServiceDevMode: developer mode turns on only after a native
// confirmation, and off without one.
func TestPluginsServiceDevMode(t *testing.T) {
	c, _ := newTestChat(t)
	if err := NewPluginsService(c, &answeringDialogs{yes: false}).SetDevMode(true); !errors.Is(err, errNotConfirmed) {
		t.Fatalf("dev mode without confirming: %v", err)
	}
	s := NewPluginsService(c, &answeringDialogs{yes: true})
	if on, err := s.DevMode(); err != nil || on {
		t.Fatalf("dev mode is on by default: %v %v", on, err)
	}
	if err := s.SetDevMode(true); err != nil {
		t.Fatal(err)
	}
	if on, _ := s.DevMode(); !on {
		t.Fatal("dev mode did not turn on")
	}
	if err := NewPluginsService(c, noDialogs{}).SetDevMode(false); err != nil {
		t.Fatal(err)
	}
	if on, _ := s.DevMode(); on {
		t.Fatal("dev mode did not turn off")
	}
}
