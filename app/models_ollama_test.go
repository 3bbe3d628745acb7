package app_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
)

// noEvents drops what a service emits.
type noEvents struct{}

func (noEvents) Emit(string, any) {}

func TestModelsOllamaStatus(t *testing.T) {
	srv := ollamaRef.Need(t)
	t.Setenv("OLLAMA_HOST", "127.0.0.1:9") // nothing listens on the discard port
	v := app.NewVault(filepath.Join(t.TempDir(), "store"), noEvents{})
	t.Cleanup(func() { v.Close() })
	if _, err := app.NewVaultService(v).Create("ollama status test"); err != nil {
		t.Fatal(err)
	}
	m := app.NewModelsService(v, noEvents{}, nil)

	down := m.OllamaStatus()
	if down.Reachable || down.Host != "http://127.0.0.1:9" || down.Custom || down.Error == "" {
		t.Fatalf("status of the default host, where nothing runs: %+v", down)
	}

	up, err := m.SetOllamaHost(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	if !up.Reachable || !up.Custom || up.Host != srv.URL || up.Version == "" {
		t.Fatalf("status of the reference server: %+v (want %s with a version)", up, srv.URL)
	}
	if !slices.ContainsFunc(up.Models, func(n string) bool { return strings.HasPrefix(n, ollamatest.StoriesName) }) {
		t.Fatalf("the stories model is not listed: %v", up.Models)
	}
	installed, err := m.Installed()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(installed, func(im app.InstalledModel) bool { return im.Backend == "ollama" && im.Size > 0 }) {
		t.Fatalf("Ollama's models are not among the installed ones: %+v", installed)
	}

	if _, err := m.SetOllamaHost("ftp://nowhere"); err == nil {
		t.Fatal("a bad host was accepted")
	}
	back, err := m.SetOllamaHost("")
	if err != nil || back.Custom || back.Reachable {
		t.Fatalf("back to the default: %+v %v", back, err)
	}
}
