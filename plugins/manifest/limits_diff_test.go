package manifest_test

import (
	"reflect"
	"testing"

	"github.com/hearth-app/hearth/plugins/manifest"
)

func TestLimitsEffective(t *testing.T) {
	cases := []struct {
		in, want manifest.Limits
	}{
		{manifest.Limits{}, manifest.Limits{MemoryMB: 64, TimeoutMS: 10000, OutputKB: 256}},
		{manifest.Limits{MemoryMB: 32, TimeoutMS: 500, OutputKB: 8}, manifest.Limits{MemoryMB: 32, TimeoutMS: 500, OutputKB: 8}},
		{manifest.Limits{MemoryMB: 4096, TimeoutMS: 600000, OutputKB: 1 << 20}, manifest.Limits{MemoryMB: 512, TimeoutMS: 60000, OutputKB: 4096}},
		{manifest.Limits{MemoryMB: -1, TimeoutMS: -5, OutputKB: -9}, manifest.Limits{MemoryMB: 64, TimeoutMS: 10000, OutputKB: 256}},
	}
	for _, c := range cases {
		if got := c.in.Effective(); got != c.want {
			t.Errorf("%+v.Effective() = %+v, want %+v", c.in, got, c.want)
		}
	}
}

// withCaps returns a manifest asking for cs.
func withCaps(cs ...manifest.Capability) *manifest.Manifest {
	return &manifest.Manifest{Capabilities: cs}
}

func TestDiffAndWider(t *testing.T) {
	mem := manifest.Capability{Name: manifest.CapMemoryRead, Reason: "recall"}
	notify := manifest.Capability{Name: manifest.CapNotify, Reason: "tell"}
	fetchA := manifest.Capability{Name: manifest.CapNetFetch, Reason: "fetch", Hosts: []string{"a.example.com"}}
	fetchAB := manifest.Capability{Name: manifest.CapNetFetch, Reason: "fetch more", Hosts: []string{"a.example.com", "b.example.com"}}
	cases := []struct {
		name      string
		old, next *manifest.Manifest
		want      []manifest.Change
		wider     bool
	}{
		{"same", withCaps(mem, fetchA), withCaps(mem, fetchA), nil, false},
		{"first install", nil, withCaps(mem, fetchA), []manifest.Change{
			{Kind: "added", Capability: "memory:read", Reason: "recall"},
			{Kind: "added", Capability: "net:fetch", Reason: "fetch", Hosts: []string{"a.example.com"}},
		}, true},
		{"added", withCaps(mem), withCaps(mem, notify), []manifest.Change{
			{Kind: "added", Capability: "notify", Reason: "tell"},
		}, true},
		{"removed only", withCaps(mem, notify), withCaps(notify), []manifest.Change{
			{Kind: "removed", Capability: "memory:read"},
		}, false},
		{"new host", withCaps(fetchA), withCaps(fetchAB), []manifest.Change{
			{Kind: "hosts", Capability: "net:fetch", Reason: "fetch more", Hosts: []string{"b.example.com"}},
		}, true},
		{"fewer hosts", withCaps(fetchAB), withCaps(fetchA), nil, false},
		{"swap", withCaps(mem), withCaps(notify), []manifest.Change{
			{Kind: "added", Capability: "notify", Reason: "tell"},
			{Kind: "removed", Capability: "memory:read"},
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := manifest.Diff(c.old, c.next)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Diff = %+v, want %+v", got, c.want)
			}
			if w := c.next.Wider(c.old); w != c.wider {
				t.Errorf("Wider = %v, want %v", w, c.wider)
			}
		})
	}
}
