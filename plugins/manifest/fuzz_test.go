package manifest_test

import (
	"errors"
	"os"
	"testing"

	"github.com/hearth-app/hearth/plugins/manifest"
)

// FuzzParse checks that Parse never panics, fails only with ErrInvalid, and
// that what it accepts validates again.
func FuzzParse(f *testing.F) {
	good, err := os.ReadFile("testdata/good.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"id":"a.b","id":"c.d"}`))
	f.Add([]byte(`{"tools":[{"name":"t","description":"d","input_schema":{"type":"object","$ref":"#/$defs/x","$defs":{"x":{"$ref":"#/$defs/x"}}}}]}`))
	f.Add([]byte(`{"capabilities":[{"name":"net:fetch","reason":"r","hosts":["a.b","[::1]"]}]}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := manifest.Parse(data)
		if err != nil {
			if !errors.Is(err, manifest.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("Parse accepted a manifest that does not validate: %v", err)
		}
		_ = m.Limits.Effective()
		_ = manifest.Diff(m, m)
	})
}
