package host_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/host"
)

func TestCheckAcceptsRealPlugins(t *testing.T) {
	for _, pkg := range []string{unitsPkg, fetchPkg, recallPkg, hostilePkg} {
		if err := host.Check(context.Background(), guest(t, pkg)); err != nil {
			t.Errorf("%s: %v", pkg, err)
		}
	}
	if err := host.Check(context.Background(), minimalPlugin().encode()); err != nil {
		t.Errorf("the minimal plugin: %v", err)
	}
}

func TestCheckRefusesModulesOutsideTheABI(t *testing.T) {
	withImport := func(im wasmImport) []byte {
		m := minimalPlugin()
		m.imports = []wasmImport{im}
		return m.encode()
	}
	withCall := func(params, results []byte, body []byte) []byte {
		m := minimalPlugin()
		m.funcs[2] = wasmFunc{export: "hearth_call", params: params, results: results, body: body}
		return m.encode()
	}
	noCall := minimalPlugin()
	noCall.funcs = noCall.funcs[:2]
	noMemory := minimalPlugin()
	noMemory.memExport = ""
	cases := []struct {
		name string
		wasm []byte
		says string
	}{
		{"not wasm", []byte("\x00asm but not really"), "not valid WebAssembly"},
		{"empty", nil, "not valid WebAssembly"},
		{"imports env.foo", withImport(wasmImport{module: "env", name: "foo"}), "imports env.foo, which Hearth does not offer"},
		{"unknown host function", withImport(wasmImport{module: "hearth", name: "exec", params: []byte{tI32, tI32}, results: []byte{tI64}}), "imports hearth.exec"},
		{"host function, wrong signature", withImport(wasmImport{module: "hearth", name: "net_fetch", params: []byte{tI32}, results: []byte{tI32}}), "hearth.net_fetch with the wrong signature"},
		{"unknown WASI function", withImport(wasmImport{module: "wasi_snapshot_preview1", name: "sock_open", params: []byte{tI32}, results: []byte{tI32}}), "imports wasi_snapshot_preview1.sock_open"},
		{"WASI function, wrong signature", withImport(wasmImport{module: "wasi_snapshot_preview1", name: "fd_write", results: []byte{tI32}}), "fd_write with the wrong signature"},
		{"imports a global", withImport(wasmImport{module: "hearth", name: "log", global: true}), "imports hearth.log, which is not a function"},
		{"no hearth_call", noCall.encode(), "does not export hearth_call"},
		{"hearth_call () -> ()", withCall(nil, nil, nil), "hearth_call has the wrong signature"},
		{"hearth_call returns i32", withCall([]byte{tI32, tI32, tI32, tI32}, []byte{tI32}, i32Const(0)), "hearth_call has the wrong signature"},
		{"memory not exported", noMemory.encode(), "does not export its memory"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := host.Check(context.Background(), c.wasm)
			if !isErr(err, host.ErrBadModule) || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("Check: %v, want ErrBadModule saying %q", err, c.says)
			}
			oneSentence(t, err)
			h := newHost(t, host.Config{})
			if _, err := h.Load(context.Background(), host.Spec{ID: "dev.test.bad", Wasm: c.wasm}); !isErr(err, host.ErrBadModule) {
				t.Errorf("Load: %v, want ErrBadModule", err)
			}
		})
	}
}

func TestCheckAcceptsWASIImport(t *testing.T) {
	m := minimalPlugin()
	m.imports = []wasmImport{{module: "wasi_snapshot_preview1", name: "fd_write", params: []byte{tI32, tI32, tI32, tI32}, results: []byte{tI32}}}
	if err := host.Check(context.Background(), m.encode()); err != nil {
		t.Fatal(err)
	}
}

func TestLoadRunsAHandWrittenPlugin(t *testing.T) {
	h := newHost(t, host.Config{})
	p := load(t, h, host.Spec{ID: "dev.test.minimal", Wasm: minimalPlugin().encode()})
	if res := call(t, p, "anything", map[string]int{"n": 1}); res.Text != "hi" || res.IsError || res.Structured != nil {
		t.Errorf("answer %+v, want text hi", res)
	}
}

func TestLoadRefusesOtherABIVersion(t *testing.T) {
	m := minimalPlugin()
	m.funcs[0].body = i32Const(2)
	h := newHost(t, host.Config{})
	_, err := h.Load(context.Background(), host.Spec{ID: "dev.test.v2", Wasm: m.encode()})
	if !isErr(err, host.ErrBadModule) || !strings.Contains(err.Error(), "not built for this version") {
		t.Fatalf("Load: %v, want ErrBadModule about the version", err)
	}
}

func TestLoadRefusesMemoryAboveLimit(t *testing.T) {
	m := minimalPlugin()
	m.memPages = 2 * 16 // 2 MiB in 64 KiB pages
	h := newHost(t, host.Config{})
	_, err := h.Load(context.Background(), host.Spec{ID: "dev.test.big", Wasm: m.encode(), Limits: host.Limits{MemoryMB: 1}})
	if !isErr(err, host.ErrMemoryLimit) {
		t.Fatalf("Load: %v, want ErrMemoryLimit", err)
	}
	if _, err := h.Load(context.Background(), host.Spec{ID: "dev.test.fits", Wasm: m.encode(), Limits: host.Limits{MemoryMB: 2}}); err != nil {
		t.Fatalf("Load within the limit: %v", err)
	}
}

func TestLoadRefusesBadID(t *testing.T) {
	h := newHost(t, host.Config{})
	for _, id := range []string{"", "A", "../etc", "dev hearth", strings.Repeat("a", 65)} {
		if _, err := h.Load(context.Background(), host.Spec{ID: id, Wasm: minimalPlugin().encode()}); !isErr(err, host.ErrBadModule) {
			t.Errorf("id %q: %v, want ErrBadModule", id, err)
		}
	}
}
