package host_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/plugins/host"
)

// BenchmarkCallUnits measures one host -> guest tool call (units convert):
// arguments written into the guest, the call, the response copied out and
// decoded.
func BenchmarkCallUnits(b *testing.B) {
	h := newHost(b, host.Config{})
	p := load(b, h, host.Spec{ID: "dev.hearth.units", Wasm: guest(b, unitsPkg)})
	args := json.RawMessage(`{"value":1,"from":"mi","to":"km"}`)
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Call(context.Background(), "convert", args); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallMinimal measures the host's own share of a call: the
// hand-written plugin does no work of its own (no Go runtime, no JSON).
func BenchmarkCallMinimal(b *testing.B) {
	h := newHost(b, host.Config{})
	p := load(b, h, host.Spec{ID: "dev.test.minimal", Wasm: minimalPlugin().encode()})
	args := json.RawMessage(`{"value":1,"from":"mi","to":"km"}`)
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Call(context.Background(), "convert", args); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHostFunctionLog measures guest -> host calls: one op is a tool
// call that calls hearth.log 1000 times; ns/hostcall is the share of one.
func BenchmarkHostFunctionLog(b *testing.B) {
	const perCall = 1000
	h := newHost(b, host.Config{})
	p := load(b, h, host.Spec{ID: "dev.test.hostile", Wasm: guest(b, hostilePkg)})
	args := json.RawMessage(`{"n":1000}`)
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Call(context.Background(), "ping", args); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perCall), "ns/hostcall")
}

// BenchmarkColdStart measures a new host, Load and the first call of the
// units plugin, with no compilation cache and with a warm one on disk.
func BenchmarkColdStart(b *testing.B) {
	wasm := guest(b, unitsPkg)
	warm := filepath.Join(b.TempDir(), "cache")
	coldStart(b, wasm, warm) // fills the disk cache
	b.Run("cache=none", func(b *testing.B) {
		for b.Loop() {
			coldStart(b, wasm, "")
		}
	})
	b.Run("cache=disk", func(b *testing.B) {
		for b.Loop() {
			coldStart(b, wasm, warm)
		}
	})
}

func coldStart(b *testing.B, wasm []byte, cacheDir string) {
	ctx := context.Background()
	h, err := host.New(ctx, host.Config{CacheDir: cacheDir})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close(ctx)
	p, err := h.Load(ctx, host.Spec{ID: "dev.hearth.units", Wasm: wasm})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Call(ctx, "convert", json.RawMessage(`{"value":1,"from":"mi","to":"km"}`)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkInstanceMemory reports the linear memory of one units instance
// after its first call (bytes/instance), and the time to make an instance
// (a plugin's Load makes its first one).
func BenchmarkInstanceMemory(b *testing.B) {
	h := newHost(b, host.Config{PoolSize: 1})
	wasm := guest(b, unitsPkg)
	var size uint32
	for b.Loop() {
		p, err := h.Load(context.Background(), host.Spec{ID: "dev.hearth.units", Wasm: wasm})
		if err != nil {
			b.Fatal(err)
		}
		mustConvertMiles(b, p)
		size = host.LinearMemoryBytes(p)[0]
		p.Close(context.Background())
	}
	b.ReportMetric(float64(size), "bytes/instance")
}
