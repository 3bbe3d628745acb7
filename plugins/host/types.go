package host

import (
	"context"
	"encoding/json"
	"time"
)

// Config sets up a Host.
type Config struct {
	// CacheDir keeps wazero's compiled code on disk, so a plugin loads fast
	// after the first time; "" keeps the cache in memory for the Host's life.
	CacheDir string
	// Audit receives one Event for every call a plugin makes to a host
	// function that needs a capability, allowed or denied. It may be called
	// from several goroutines at once.
	Audit func(Event)
	// LoopbackFetchPort lets net:fetch reach http://127.0.0.1:PORT (tests
	// only; never from a manifest). 0 refuses loopback like any other
	// special address.
	LoopbackFetchPort int
	// PoolSize is the number of instances kept per plugin; 0 means 2.
	PoolSize int
}

// Event is one call a plugin made to a host function, for the audit log.
type Event struct {
	Plugin     string
	Function   string
	Capability string
	Allowed    bool
	Detail     string
	Time       time.Time
}

// Capability is one capability the user granted a plugin. Hosts lists the
// host names net:fetch may reach.
type Capability struct {
	Name  string
	Hosts []string
}

// Capability names, as manifests spell them.
const (
	CapMemoryRead  = "memory:read"
	CapMemoryWrite = "memory:write"
	CapNetFetch    = "net:fetch"
	CapLLMGenerate = "llm:generate"
	CapNotify      = "notify"
	CapSecrets     = "secrets"
	CapFilesPick   = "files:pick"
)

// Limits bounds one plugin. The values are already effective (defaults and
// ceilings applied by the caller); a zero field falls back to the default.
type Limits struct {
	MemoryMB  int
	TimeoutMS int
	OutputKB  int
}

// Default limits, used for a zero field of Limits.
const (
	DefaultMemoryMB  = 64
	DefaultTimeoutMS = 10000
	DefaultOutputKB  = 256
)

// Services is what the host functions reach. The app implements it once per
// plugin; secrets live in the plugin's own namespace.
type Services interface {
	SearchMemory(ctx context.Context, query string, k int) ([]Hit, error)
	WriteMemory(ctx context.Context, text string) (id string, err error)
	Generate(ctx context.Context, prompt string, maxTokens int) (string, error)
	Notify(ctx context.Context, title, body string) error
	Secret(ctx context.Context, key string) (value string, ok bool, err error)
	SetSecret(ctx context.Context, key, value string) error
	DeleteSecret(ctx context.Context, key string) error
	PickFile(ctx context.Context, title string) (name string, data []byte, ok bool, err error)
}

// Hit is one memory or document passage found by SearchMemory.
type Hit struct {
	Text   string  `json:"text"`
	Source string  `json:"source"`
	Title  string  `json:"title"`
	Score  float64 `json:"score"`
}

// Spec is a plugin to load: its id, its module, what the user granted and
// the limits it runs under.
type Spec struct {
	ID           string
	Wasm         []byte
	Capabilities []Capability
	Limits       Limits
	Services     Services
}

// Result is what one tool call answered.
type Result struct {
	Text       string
	Structured json.RawMessage
	IsError    bool
}
