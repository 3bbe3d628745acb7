package tokenizer_test

import (
	"testing"

	"github.com/hearth-app/hearth/engine/gguf"
)

// mapMeta is a Metadata backed by a map, for vocabularies built in tests.
type mapMeta map[string]any

func (m mapMeta) String(k string) (string, bool)    { v, ok := m[k].(string); return v, ok }
func (m mapMeta) Uint(k string) (uint64, bool)      { v, ok := m[k].(uint64); return v, ok }
func (m mapMeta) Bool(k string) (bool, bool)        { v, ok := m[k].(bool); return v, ok }
func (m mapMeta) Strings(k string) ([]string, bool) { v, ok := m[k].([]string); return v, ok }
func (m mapMeta) Ints(k string) ([]int64, bool)     { v, ok := m[k].([]int64); return v, ok }
func (m mapMeta) Floats(k string) ([]float32, bool) { v, ok := m[k].([]float32); return v, ok }

// metaOf copies the keys a tokenizer reads from a shared vocabulary file.
func metaOf(t testing.TB, name string) mapMeta {
	t.Helper()
	f, err := gguf.Open(vocabPath(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := mapMeta{}
	for _, k := range f.Keys() {
		if s, ok := f.String(k); ok {
			m[k] = s
		} else if b, ok := f.Bool(k); ok {
			m[k] = b
		} else if u, ok := f.Uint(k); ok {
			m[k] = u
		} else if ss, ok := f.Strings(k); ok {
			m[k] = ss
		} else if is, ok := f.Ints(k); ok {
			m[k] = is
		} else if fs, ok := f.Floats(k); ok {
			m[k] = fs
		}
	}
	return m
}
