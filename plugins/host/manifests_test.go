package host_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/plugins/host"
)

// exampleManifest mirrors the manifest fields of the plugin contract that
// an example's plugin.json carries (files and public_key are left to pack).
type exampleManifest struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Version      string `json:"version"`
	APIVersion   int    `json:"api_version"`
	Author       string `json:"author"`
	License      string `json:"license"`
	Description  string `json:"description"`
	Entry        string `json:"entry"`
	Capabilities []struct {
		Name   string   `json:"name"`
		Reason string   `json:"reason"`
		Hosts  []string `json:"hosts,omitempty"`
	} `json:"capabilities"`
	Tools []struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		InputSchema json.RawMessage `json:"input_schema"`
		ReadOnly    bool            `json:"read_only,omitempty"`
		Destructive bool            `json:"destructive,omitempty"`
	} `json:"tools"`
	Limits struct {
		MemoryMB  int `json:"memory_mb,omitempty"`
		TimeoutMS int `json:"timeout_ms,omitempty"`
		OutputKB  int `json:"output_kb,omitempty"`
	} `json:"limits"`
	MinHearth string `json:"min_hearth"`
}

// TestExampleManifestsMatchTheirCode reads each example's plugin.json
// strictly and checks it against its module: every declared tool exists in
// the code, under the declared limits.
func TestExampleManifestsMatchTheirCode(t *testing.T) {
	for _, name := range []string{"units", "fetch", "recall"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "examples", name, "plugin.json"))
			if err != nil {
				t.Fatal(err)
			}
			var m exampleManifest
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&m); err != nil {
				t.Fatalf("plugin.json: %v", err)
			}
			if m.ID != "dev.hearth."+name || m.Entry != name+".wasm" || m.APIVersion != host.APIVersion ||
				m.Version != "1.0.0" || m.MinHearth != "0.1.0" || m.License != "MIT" || len(m.Tools) == 0 {
				t.Errorf("manifest %+v does not follow the examples' conventions", m)
			}
			grants := []host.Capability{}
			for _, c := range m.Capabilities {
				if c.Reason == "" {
					t.Errorf("capability %s has no reason", c.Name)
				}
				grants = append(grants, host.Capability{Name: c.Name, Hosts: c.Hosts})
			}
			h := newHost(t, host.Config{})
			p := load(t, h, host.Spec{ID: m.ID, Wasm: guest(t, "../examples/"+name), Capabilities: grants, Services: &memoryServices{},
				Limits: host.Limits{MemoryMB: m.Limits.MemoryMB, TimeoutMS: m.Limits.TimeoutMS, OutputKB: m.Limits.OutputKB}})
			for _, tool := range m.Tools {
				var schema map[string]any
				if err := json.Unmarshal(tool.InputSchema, &schema); err != nil || schema["type"] != "object" {
					t.Errorf("tool %s: input schema %s is not an object schema", tool.Name, tool.InputSchema)
				}
				res, err := p.Call(context.Background(), tool.Name, json.RawMessage(`{}`))
				if err != nil || strings.Contains(res.Text, "has no tool") {
					t.Errorf("tool %s: %v %q, want the code to know it", tool.Name, err, res.Text)
				}
			}
		})
	}
}
