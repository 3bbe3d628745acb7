package host_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-app/hearth/plugins/host"
)

func TestConcurrentCallsShareThePool(t *testing.T) {
	h := newHost(t, host.Config{PoolSize: 2})
	p := load(t, h, host.Spec{ID: "dev.hearth.units", Wasm: guest(t, unitsPkg)})
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			for range 5 {
				mustConvertMiles(t, p)
			}
		})
	}
	wg.Wait()
	if n := len(host.LinearMemoryBytes(p)); n < 1 || n > 2 {
		t.Errorf("%d idle instances, want 1 or 2 (the pool size)", n)
	}
}

func TestCompilationCacheIsWrittenToDisk(t *testing.T) {
	dir := t.TempDir()
	h := newHost(t, host.Config{CacheDir: dir})
	load(t, h, host.Spec{ID: "dev.test.minimal", Wasm: minimalPlugin().encode()})
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		t.Fatalf("cache directory holds %d entries (%v), want the compiled module", len(entries), err)
	}
}

func TestGrantsChangeWhileCalling(t *testing.T) {
	h := newHost(t, host.Config{})
	svc := &memoryServices{hits: []host.Hit{{Text: "found it", Source: "memory"}}}
	p := load(t, h, host.Spec{ID: "dev.hearth.recall", Wasm: guest(t, recallPkg), Services: svc})
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i%2 == 0 {
				p.SetCapabilities([]host.Capability{{Name: host.CapMemoryRead}})
			} else {
				p.SetCapabilities(nil)
			}
		}
	})
	for range 20 {
		res := call(t, p, "recall", map[string]string{"query": "it"})
		if res.IsError != !strings.Contains(res.Text, "found it") {
			t.Errorf("answer %q (error %v): neither a result nor a refusal", res.Text, res.IsError)
		}
	}
	close(stop)
	wg.Wait()
}

func TestClosedPluginAndHostRefuseCalls(t *testing.T) {
	h, err := host.New(context.Background(), host.Config{})
	if err != nil {
		t.Fatal(err)
	}
	one, err := h.Load(context.Background(), host.Spec{ID: "dev.test.one", Wasm: minimalPlugin().encode()})
	if err != nil {
		t.Fatal(err)
	}
	two, err := h.Load(context.Background(), host.Spec{ID: "dev.test.two", Wasm: minimalPlugin().encode()})
	if err != nil {
		t.Fatal(err)
	}
	if err := one.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := one.Call(context.Background(), "x", nil); !isErr(err, host.ErrClosed) {
		t.Errorf("call after Close: %v, want ErrClosed", err)
	}
	if res := call(t, two, "x", nil); res.Text != "hi" {
		t.Errorf("the other plugin answered %q", res.Text)
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := two.Call(context.Background(), "x", nil); !isErr(err, host.ErrClosed) {
		t.Errorf("call after the host closed: %v, want ErrClosed", err)
	}
	if _, err := h.Load(context.Background(), host.Spec{ID: "dev.test.three", Wasm: minimalPlugin().encode()}); !isErr(err, host.ErrClosed) {
		t.Errorf("Load after Close: %v, want ErrClosed", err)
	}
}

func TestLogIsBounded(t *testing.T) {
	h := newHost(t, host.Config{})
	p := load(t, h, host.Spec{ID: "dev.test.hostile", Wasm: guest(t, hostilePkg)})
	call(t, p, "ping", map[string]int{"n": 50000})
	log := p.Log()
	if len(log) > 64<<10 || !strings.HasSuffix(log, "ping\n") || strings.Count(log, "ping\n") < 10000 {
		t.Errorf("log of %d bytes, want at most 64 KiB of the latest pings", len(log))
	}
}

func TestArgumentsOverLimitAreRefused(t *testing.T) {
	h := newHost(t, host.Config{})
	p := load(t, h, host.Spec{ID: "dev.test.minimal", Wasm: minimalPlugin().encode()})
	big, _ := json.Marshal(map[string]string{"x": strings.Repeat("a", 1<<20)})
	if _, err := p.Call(context.Background(), "x", big); !isErr(err, host.ErrInvalidCall) {
		t.Errorf("call with %d bytes of arguments: %v, want ErrInvalidCall", len(big), err)
	}
	for _, bad := range []string{`[1]`, `"s"`, `{"a":`, `{} {}`} {
		if _, err := p.Call(context.Background(), "x", json.RawMessage(bad)); !isErr(err, host.ErrInvalidCall) {
			t.Errorf("arguments %s: %v, want ErrInvalidCall", bad, err)
		}
	}
}

// failingServices fails every search with an error that names a private
// path, which must not reach the plugin.
type failingServices struct{ memoryServices }

func (*failingServices) SearchMemory(context.Context, string, int) ([]host.Hit, error) {
	return nil, errors.New("open /home/alice/.hearth/store.db: disk I/O error")
}

func TestServiceErrorsAreNotPassedOn(t *testing.T) {
	h := newHost(t, host.Config{})
	p := load(t, h, host.Spec{ID: "dev.hearth.recall", Wasm: guest(t, recallPkg), Services: &failingServices{},
		Capabilities: []host.Capability{{Name: host.CapMemoryRead}}})
	res := call(t, p, "recall", map[string]string{"query": "x"})
	if !res.IsError || strings.Contains(res.Text, "alice") || !strings.Contains(res.Text, "could not search memory") {
		t.Errorf("answer %q (error %v), want a plain failure without the service's error", res.Text, res.IsError)
	}
}
