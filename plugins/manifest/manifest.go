package manifest

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/plugins/internal/strictjson"
)

// APIVersion is the version of the guest/host ABI (plugins/ABI.md) this
// Hearth speaks; a manifest must ask for exactly this one.
const APIVersion = 1

// MaxSize is the largest plugin.json Parse reads.
const MaxSize = 256 << 10

// Capability names: what a plugin may ask the user for.
const (
	CapMemoryRead  = "memory:read"
	CapMemoryWrite = "memory:write"
	CapNetFetch    = "net:fetch"
	CapLLMGenerate = "llm:generate"
	CapNotify      = "notify"
	CapSecrets     = "secrets"
	CapFilesPick   = "files:pick"
)

// ErrInvalid is wrapped by every error of Parse and Validate.
var ErrInvalid = errors.New("the plugin's manifest is not valid")

// Manifest is a plugin's plugin.json.
type Manifest struct {
	ID           string            `json:"id"`
	Name         string            `json:"name"`
	Version      string            `json:"version"`
	APIVersion   int               `json:"api_version"`
	Author       string            `json:"author"`
	License      string            `json:"license"`
	Description  string            `json:"description"`
	Entry        string            `json:"entry"`
	PublicKey    string            `json:"public_key,omitempty"`
	Files        map[string]string `json:"files"`
	Capabilities []Capability      `json:"capabilities"`
	Tools        []Tool            `json:"tools"`
	Limits       Limits            `json:"limits"`
	MinHearth    string            `json:"min_hearth"`
}

// Capability is one permission a plugin asks for, with the reason shown to
// the user. Hosts is required for net:fetch and refused for the others.
type Capability struct {
	Name   string   `json:"name"`
	Reason string   `json:"reason"`
	Hosts  []string `json:"hosts,omitempty"`
}

// Tool is one tool the plugin offers the model.
type Tool struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	InputSchema json.RawMessage `json:"input_schema"`
	ReadOnly    bool            `json:"read_only,omitempty"`
	Destructive bool            `json:"destructive,omitempty"`
}

// Parse reads plugin.json strictly (see the package comment) and validates
// it.
func Parse(data []byte) (*Manifest, error) {
	m, err := Decode(data)
	if err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// Decode reads plugin.json as strictly as Parse but does not validate it.
// It is for tools that complete a manifest before checking it, as
// bundle.Pack fills in files and public_key.
func Decode(data []byte) (*Manifest, error) {
	var m Manifest
	if err := strictjson.Decode(data, MaxSize, &m); err != nil {
		if errors.Is(err, strictjson.ErrTooLarge) {
			return nil, invalid("plugin.json is larger than %d KiB", MaxSize>>10)
		}
		return nil, invalid("%v", err)
	}
	return &m, nil
}

// Capability returns the capability named name, if the manifest asks for
// it.
func (m *Manifest) Capability(name string) (Capability, bool) {
	return find(m.Capabilities, name)
}

// invalidError is a validation failure: one sentence that wraps ErrInvalid.
type invalidError struct{ msg string }

func (e *invalidError) Error() string        { return ErrInvalid.Error() + ": " + e.msg }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }

// invalid formats a validation failure.
func invalid(format string, args ...any) error {
	return &invalidError{msg: fmt.Sprintf(format, args...)}
}
