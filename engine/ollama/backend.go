package ollama

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/hearth-app/hearth/engine"
)

// Backend is an engine.Backend served by one Ollama server. It is safe for
// concurrent use.
type Backend struct {
	client *api.Client
	host   *url.URL
}

var _ engine.Backend = (*Backend)(nil)

// New returns a Backend for the Ollama server at host, written as OLLAMA_HOST
// is (see ParseHost). An empty host means OLLAMA_HOST, or Ollama's default
// http://127.0.0.1:11434 when that is unset. New does not contact the server.
func New(host string) (*Backend, error) {
	u, err := ParseHost(host)
	if host == "" {
		u, err = HostFromEnv()
	}
	if err != nil {
		return nil, err
	}
	hc := &http.Client{Transport: &http.Transport{
		Proxy:                 nil, // a model server is local or on the user's network: never through a proxy
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: 0, // loading a big model can take minutes before the first byte
	}}
	return &Backend{client: api.NewClient(u, hc), host: u}, nil
}

// Name returns "ollama".
func (b *Backend) Name() string { return "ollama" }

// Host returns the server's base URL, such as http://127.0.0.1:11434.
func (b *Backend) Host() string { return b.host.String() }

// Version returns the server's version.
func (b *Backend) Version(ctx context.Context) (string, error) {
	v, err := b.client.Version(ctx)
	if err != nil {
		return "", fmt.Errorf("ollama version: %w", b.classify(ctx, "", err))
	}
	return v, nil
}

// List returns the models the server has.
func (b *Backend) List(ctx context.Context) ([]engine.ModelInfo, error) {
	resp, err := b.client.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("ollama list: %w", b.classify(ctx, "", err))
	}
	models := make([]engine.ModelInfo, 0, len(resp.Models))
	for _, m := range resp.Models {
		models = append(models, engine.ModelInfo{
			Name:         m.Name,
			Backend:      b.Name(),
			Architecture: m.Details.Family,
			Quantization: m.Details.QuantizationLevel,
			Size:         m.Size,
		})
	}
	return models, nil
}

// Show describes one model, with its context length when the server knows it.
func (b *Backend) Show(ctx context.Context, model string) (engine.ModelInfo, error) {
	resp, err := b.client.Show(ctx, &api.ShowRequest{Model: model})
	if err != nil {
		return engine.ModelInfo{}, fmt.Errorf("ollama show: %w", b.classify(ctx, model, err))
	}
	info := engine.ModelInfo{
		Name:         model,
		Backend:      b.Name(),
		Architecture: resp.Details.Family,
		Quantization: resp.Details.QuantizationLevel,
	}
	if arch, ok := resp.ModelInfo["general.architecture"].(string); ok {
		info.Architecture = arch
		if n, ok := resp.ModelInfo[arch+".context_length"].(float64); ok {
			info.ContextLength = int(n)
		}
	}
	return info, nil
}

// Delete removes a model from the server.
func (b *Backend) Delete(ctx context.Context, model string) error {
	if err := b.client.Delete(ctx, &api.DeleteRequest{Model: model}); err != nil {
		return fmt.Errorf("ollama delete: %w", b.classify(ctx, model, err))
	}
	return nil
}

// Progress is one step of a pull: what the server is doing and, while it
// downloads a layer, how far it got.
type Progress struct {
	Status    string // "pulling manifest", "pulling <digest>", "verifying sha256 digest", "success"...
	Digest    string // the layer being downloaded, if any
	Completed int64  // bytes of that layer received
	Total     int64  // bytes of that layer, 0 when unknown
}

// Pull makes the server download model from its registry, calling progress
// (if not nil) with each step. Cancelling ctx stops the download; the server
// keeps what it has and resumes on the next pull.
func (b *Backend) Pull(ctx context.Context, model string, progress func(Progress)) error {
	err := b.client.Pull(ctx, &api.PullRequest{Model: model}, func(p api.ProgressResponse) error {
		if progress != nil {
			progress(Progress{Status: p.Status, Digest: p.Digest, Completed: p.Completed, Total: p.Total})
		}
		return nil
	})
	if err != nil {
		if strings.Contains(strings.ToLower(err.Error()), "file does not exist") {
			return fmt.Errorf("ollama pull: %w", b.notFound(model, err))
		}
		return fmt.Errorf("ollama pull: %w", b.classify(ctx, model, err))
	}
	return nil
}

// Embed returns one vector per input text.
func (b *Backend) Embed(ctx context.Context, model string, input []string) ([][]float32, error) {
	resp, err := b.client.Embed(ctx, &api.EmbedRequest{Model: model, Input: input})
	if err != nil {
		return nil, fmt.Errorf("ollama embed: %w", b.classify(ctx, model, err))
	}
	if len(resp.Embeddings) != len(input) {
		return nil, fmt.Errorf("ollama embed: %d vectors for %d inputs", len(resp.Embeddings), len(input))
	}
	return resp.Embeddings, nil
}
