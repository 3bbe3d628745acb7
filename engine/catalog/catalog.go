package catalog

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

//go:embed catalog.json
var catalogJSON []byte

// Kind says what a model is for.
type Kind string

// The kinds of model in the catalog.
const (
	Chat      Kind = "chat"
	Embedding Kind = "embedding"
)

// Model is one downloadable model file.
type Model struct {
	Name         string `json:"name"`  // what users type: "qwen2.5-0.5b-instruct"
	Title        string `json:"title"` // what users read: "Qwen2.5 0.5B Instruct"
	Description  string `json:"description"`
	Kind         Kind   `json:"kind"`
	Architecture string `json:"architecture"` // general.architecture of the GGUF
	Parameters   string `json:"parameters"`   // "0.5B"
	Quantization string `json:"quantization"` // "Q4_K_M"
	URL          string `json:"url"`          // a Hugging Face resolve URL pinned to a revision
	Size         int64  `json:"size"`         // bytes
	// ActiveSize is, for a mixture of experts, the bytes of weights one
	// generated token reads (the shared layers and the routed experts);
	// 0 means all of Size, as for a dense model.
	ActiveSize    int64  `json:"active_size,omitempty"`
	SHA256        string `json:"sha256"` // hex
	License       string `json:"license"`
	RAM           int64  `json:"ram"`            // bytes needed to run it with a 4096-token context (estimate)
	ContextLength int    `json:"context_length"` // tokens the model was trained for
	Dimensions    int    `json:"dimensions,omitempty"`
	Source        string `json:"source"` // where size and digest were read
}

// FileName returns the name the file is saved under: the model's name and
// ".gguf", never the last element of its URL (which, decoded, can hold a
// path separator).
func (m Model) FileName() string { return strings.ToLower(m.Name) + ".gguf" }

// Catalog is a version of the curated list.
type Catalog struct {
	Version int     `json:"version"`
	Updated string  `json:"updated"`
	Models  []Model `json:"models"`
}

// Load returns the catalog built into this binary.
func Load() (*Catalog, error) {
	return Parse(catalogJSON)
}

// Parse reads a catalog from JSON.
func Parse(b []byte) (*Catalog, error) {
	var c Catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if c.Version < 1 {
		return nil, fmt.Errorf("catalog: missing version")
	}
	return &c, nil
}

// Lookup returns the model named name, ignoring case.
func (c *Catalog) Lookup(name string) (Model, bool) {
	i := slices.IndexFunc(c.Models, func(m Model) bool { return strings.EqualFold(m.Name, name) })
	if i < 0 {
		return Model{}, false
	}
	return c.Models[i], true
}

// OfKind returns the models of kind k, in catalog order.
func (c *Catalog) OfKind(k Kind) []Model {
	var out []Model
	for _, m := range c.Models {
		if m.Kind == k {
			out = append(out, m)
		}
	}
	return out
}

// Names returns every model name, in catalog order.
func (c *Catalog) Names() []string {
	names := make([]string, len(c.Models))
	for i, m := range c.Models {
		names[i] = m.Name
	}
	return names
}
