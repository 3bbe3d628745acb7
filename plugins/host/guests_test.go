package host_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-app/hearth/plugins/host"
)

// guestDir holds the guests this test binary built, each once.
var (
	guestDir   string
	guestMu    sync.Mutex
	guestBuilt = map[string][]byte{}
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hearth-guests-")
	if err != nil {
		panic(err)
	}
	guestDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// guest builds the Go package at pkg (relative to this directory) for
// wasip1 as a reactor, with the go command of the toolchain running the
// test, and returns the module. Each package is built once per test binary;
// Go's build cache makes reruns fast.
func guest(t testing.TB, pkg string) []byte {
	t.Helper()
	guestMu.Lock()
	defer guestMu.Unlock()
	if wasm, ok := guestBuilt[pkg]; ok {
		return wasm
	}
	out := filepath.Join(guestDir, strings.NewReplacer("/", "_", ".", "_").Replace(pkg)+".wasm")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-buildmode=c-shared", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the guest %s: %v\n%s", pkg, err, msg)
	}
	wasm, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	guestBuilt[pkg] = wasm
	return wasm
}

// Guest packages, relative to plugins/host.
const (
	unitsPkg   = "../examples/units"
	fetchPkg   = "../examples/fetch"
	recallPkg  = "../examples/recall"
	hostilePkg = "./testdata/hostile"
)

// auditLog collects the host's audit events.
type auditLog struct {
	mu     sync.Mutex
	events []host.Event
}

func (a *auditLog) record(e host.Event) {
	a.mu.Lock()
	a.events = append(a.events, e)
	a.mu.Unlock()
}

func (a *auditLog) find(function string, allowed bool) (host.Event, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, e := range a.events {
		if e.Function == function && e.Allowed == allowed {
			return e, true
		}
	}
	return host.Event{}, false
}

// newHost starts a host for one test and closes it at the end. Unless the
// test says otherwise, hosts share one compilation cache on disk, so each
// guest is compiled once per test binary.
func newHost(t testing.TB, cfg host.Config) *host.Host {
	t.Helper()
	if cfg.CacheDir == "" {
		cfg.CacheDir = filepath.Join(guestDir, "wazero-cache")
	}
	h, err := host.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	return h
}

// load loads a guest into h.
func load(t testing.TB, h *host.Host, s host.Spec) *host.Plugin {
	t.Helper()
	p, err := h.Load(context.Background(), s)
	if err != nil {
		t.Fatalf("load %s: %v", s.ID, err)
	}
	t.Cleanup(func() { p.Close(context.Background()) })
	return p
}

// call runs a tool that must succeed at the ABI level.
func call(t testing.TB, p *host.Plugin, tool string, args any) host.Result {
	t.Helper()
	if args == nil {
		args = struct{}{}
	}
	raw, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Call(context.Background(), tool, raw)
	if err != nil {
		t.Fatalf("call %s: %v", tool, err)
	}
	return res
}

// mustConvertMiles checks that a units plugin still answers correctly: the
// proof that a host goes on after a hostile plugin.
func mustConvertMiles(t testing.TB, p *host.Plugin) {
	t.Helper()
	res := call(t, p, "convert", map[string]any{"value": 1, "from": "mi", "to": "km"})
	var got struct {
		Value float64 `json:"value"`
	}
	if err := json.Unmarshal(res.Structured, &got); err != nil {
		t.Fatalf("structured answer %s: %v", res.Structured, err)
	}
	// 1 mi = 1609.344 m exactly (international mile, 1959); 1 km = 1000 m.
	if want := 1609.344 / 1000; got.Value != want {
		t.Fatalf("1 mi = %v km, want %v", got.Value, want)
	}
}

// oneSentence fails the test unless err reads as one sentence for a user:
// one line, no Go error chain.
func oneSentence(t testing.TB, err error) {
	t.Helper()
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Count(msg, ": ") > 1 || strings.Contains(msg, "wasm") || strings.Contains(msg, "goroutine") {
		t.Fatalf("not one sentence for a user: %q", msg)
	}
}

// isErr reports errors.Is for table tests.
func isErr(err, target error) bool { return errors.Is(err, target) }
