package host

import (
	"bytes"
	"testing"
)

// header is the magic number and version of every module.
var header = []byte{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}

func module(sections ...[]byte) []byte {
	return append(append([]byte(nil), header...), bytes.Join(sections, nil)...)
}

func TestNonFunctionImport(t *testing.T) {
	// Import sections: one entry each; "m" "f" then the descriptor.
	funcImport := []byte{0x02, 0x07, 0x01, 0x01, 'm', 0x01, 'f', 0x00, 0x00}
	globalImport := []byte{0x02, 0x08, 0x01, 0x01, 'm', 0x01, 'g', 0x03, 0x7f, 0x00}
	typeSection := []byte{0x01, 0x04, 0x01, 0x60, 0x00, 0x00}
	cases := []struct {
		name string
		wasm []byte
		want string
		ok   bool
	}{
		{"no sections", module(), "", true},
		{"function import", module(typeSection, funcImport), "", true},
		{"global import", module(typeSection, globalImport), "m.g", true},
		{"section past the end", module([]byte{0x02, 0x7f, 0x01}), "", false},
		{"truncated entry", module([]byte{0x02, 0x03, 0x01, 0x05, 'm'}), "", false},
		{"overlong LEB", module([]byte{0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}), "", false},
		{"too short", []byte{0x00, 0x61}, "", false},
	}
	for _, c := range cases {
		got, err := nonFunctionImport(c.wasm)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%s: %q, %v; want %q, ok %v", c.name, got, err, c.want, c.ok)
		}
	}
}

// FuzzNonFunctionImports feeds the import-section reader arbitrary bytes
// after a valid header: it must never panic or read out of bounds.
func FuzzNonFunctionImports(f *testing.F) {
	f.Add([]byte{0x02, 0x08, 0x01, 0x01, 'm', 0x01, 'g', 0x03, 0x7f, 0x00})
	f.Add([]byte{0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x02, 0x07, 0x01, 0x01, 'm', 0x01, 'f', 0x00, 0x00})
	f.Add([]byte{0x02, 0x80, 0x80, 0x80, 0x80, 0x10})
	f.Fuzz(func(t *testing.T, body []byte) {
		_, _ = nonFunctionImport(module(body))
	})
}
