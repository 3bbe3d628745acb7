package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/hearth-app/hearth/engine"
)

// Config names a server and how long to wait for it.
type Config struct {
	// URL is the server's API address, read by ParseURL.
	URL string
	// APIKey is sent as a bearer token when not empty.
	APIKey string
	// HeaderTimeout bounds the wait for the headers of a generation's or
	// an embedding's answer, which can include loading the model; 0 means
	// DefaultHeaderTimeout.
	HeaderTimeout time.Duration
	// IdleTimeout bounds the silence between two events of a stream; 0
	// means DefaultIdleTimeout.
	IdleTimeout time.Duration
}

// Default timeouts (see Config).
const (
	DefaultHeaderTimeout = 5 * time.Minute
	DefaultIdleTimeout   = 2 * time.Minute
)

// Backend is an engine.Backend served by one OpenAI-compatible server. It
// is safe for concurrent use.
type Backend struct {
	base   *url.URL
	key    string
	client *http.Client
	header time.Duration
	idle   time.Duration
}

var _ engine.Backend = (*Backend)(nil)

// New returns a Backend for the server cfg names. It does not contact the
// server.
func New(cfg Config) (*Backend, error) {
	base, err := ParseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	b := &Backend{base: base, key: cfg.APIKey, client: newClient(base), header: cfg.HeaderTimeout, idle: cfg.IdleTimeout}
	if b.header <= 0 {
		b.header = DefaultHeaderTimeout
	}
	if b.idle <= 0 {
		b.idle = DefaultIdleTimeout
	}
	return b, nil
}

// Name returns "openai".
func (b *Backend) Name() string { return "openai" }

// Host returns the server's host and port, as the person is shown it.
func (b *Backend) Host() string { return b.base.Host }

// URL returns the API's base address, such as http://127.0.0.1:8080/v1.
func (b *Backend) URL() string { return b.base.String() }

// Limits on the answers of /v1/models and /v1/embeddings.
const (
	maxModelsBody   = 8 << 20
	maxModels       = 10_000
	maxEmbedPerText = 1 << 20 // bytes of JSON per vector
	maxDimensions   = 1 << 16
)

// List returns the models the server offers (GET /v1/models).
func (b *Backend) List(ctx context.Context) ([]engine.ModelInfo, error) {
	c, err := b.send(ctx, http.MethodGet, "/models", nil, "", ListTimeout)
	if err != nil {
		return nil, fmt.Errorf("openai list: %w", err)
	}
	defer c.close()
	var body struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := b.readJSON(ctx, c, maxModelsBody, &body); err != nil {
		return nil, fmt.Errorf("openai list: %w", err)
	}
	if len(body.Data) > maxModels {
		return nil, fmt.Errorf("openai list: %w", b.fail(nil, nil, "lists more than %d models", maxModels))
	}
	models := make([]engine.ModelInfo, 0, len(body.Data))
	for _, m := range body.Data {
		if m.ID != "" {
			models = append(models, engine.ModelInfo{Name: m.ID, Backend: b.Name()})
		}
	}
	return models, nil
}

// Embed returns one vector per input text (POST /v1/embeddings).
func (b *Backend) Embed(ctx context.Context, model string, input []string) ([][]float32, error) {
	if len(input) == 0 {
		return [][]float32{}, nil
	}
	req := map[string]any{"model": model, "input": input, "encoding_format": "float"}
	c, err := b.send(ctx, http.MethodPost, "/embeddings", req, model, b.header)
	if err != nil {
		return nil, fmt.Errorf("openai embed: %w", err)
	}
	defer c.close()
	var body struct {
		Data []embeddingItem `json:"data"`
	}
	if err := b.readJSON(ctx, c, int64(len(input)+1)*maxEmbedPerText, &body); err != nil {
		return nil, fmt.Errorf("openai embed: %w", err)
	}
	vecs, err := b.orderVectors(len(input), body.Data)
	if err != nil {
		return nil, fmt.Errorf("openai embed: %w", err)
	}
	return vecs, nil
}

// embeddingItem is one vector of an embeddings answer.
type embeddingItem struct {
	Index     int       `json:"index"`
	Embedding []float32 `json:"embedding"`
}

// orderVectors puts the vectors in input order, checking that each input
// has exactly one and that they have one length.
func (b *Backend) orderVectors(n int, data []embeddingItem) ([][]float32, error) {
	if len(data) != n {
		return nil, b.fail(nil, nil, "sent %d vectors for %d texts", len(data), n)
	}
	out := make([][]float32, n)
	for _, d := range data {
		switch {
		case d.Index < 0 || d.Index >= n || out[d.Index] != nil:
			return nil, b.fail(nil, nil, "sent vectors with wrong or repeated indexes")
		case len(d.Embedding) == 0 || len(d.Embedding) > maxDimensions || len(d.Embedding) != len(data[0].Embedding):
			return nil, b.fail(nil, nil, "sent vectors of wrong or differing lengths")
		}
		out[d.Index] = d.Embedding
	}
	return out, nil
}

// readJSON decodes the answer of c into v, reading at most limit bytes.
func (b *Backend) readJSON(ctx context.Context, c *call, limit int64, v any) error {
	raw, err := io.ReadAll(io.LimitReader(c.resp.Body, limit+1))
	switch {
	case err != nil:
		return b.transportError(ctx, err)
	case int64(len(raw)) > limit:
		return b.fail(nil, nil, "sent an answer larger than %d MiB", limit>>20)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) && len(raw) > 0 && raw[0] != '{' {
			return b.fail(nil, err, "did not answer with JSON (is the address that of an OpenAI-compatible API?)")
		}
		return b.fail(nil, err, "sent an answer Hearth cannot read")
	}
	return nil
}
