package app

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/hearth-app/hearth/app/openai"
	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/ollama"
)

// serveBackend opens the backend `hearth serve` generates with, and says
// what it is.
func serveBackend(ctx context.Context, stdio IO, name, ollamaHost string) (engine.Backend, string, error) {
	b, err := openBackend(ctx, stdio, name, ollamaHost)
	if err != nil {
		return nil, "", err
	}
	if o, ok := b.(*ollama.Backend); ok {
		return b, "Ollama at " + o.Host(), nil
	}
	return b, "the embedded engine", nil
}

func newServeCommand(stdio IO) *cobra.Command {
	var addr, backend, ollamaHost string
	var allowRemote bool
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve an OpenAI-compatible API on this machine",
		Long: "Serve an OpenAI-compatible API (/v1/chat/completions, /v1/completions,\n" +
			"/v1/embeddings, /v1/models) on 127.0.0.1, for tools that speak OpenAI's API.\n" +
			"Clients authenticate with the bearer token printed at start (kept in the data\n" +
			"directory). Other machines can reach it only with --allow-remote.",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return serve(c, stdio, addr, allowRemote, backend, ollamaHost)
		},
	}
	c.Flags().StringVar(&addr, "addr", openai.DefaultAddr, "address to listen on (HOST:PORT)")
	c.Flags().BoolVar(&allowRemote, "allow-remote", false, "allow an address other machines can reach")
	c.Flags().StringVar(&backend, "backend", backendEmbedded, "backend to generate with: embedded or ollama")
	c.Flags().StringVar(&ollamaHost, "ollama-host", "", "Ollama server (default: OLLAMA_HOST, else 127.0.0.1:11434)")
	return c
}

func serve(c *cobra.Command, stdio IO, addr string, allowRemote bool, backendName, ollamaHost string) error {
	warning, err := openai.CheckAddr(addr, allowRemote)
	if err != nil {
		return usagef("%v", err)
	}
	backend, desc, err := serveBackend(c.Context(), stdio, backendName, ollamaHost)
	if err != nil {
		return err
	}
	if err := checkBackend(c.Context(), backend); err != nil {
		return err
	}
	dir, err := DataDir()
	if err != nil {
		return err
	}
	token, err := openai.LoadOrCreateToken(filepath.Join(dir, "api-token"))
	if err != nil {
		return err
	}
	srv, err := openai.New(backend, token, nil)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if warning != "" {
		fmt.Fprintln(c.ErrOrStderr(), warning)
	}
	out := c.OutOrStdout()
	fmt.Fprintf(out, "Serving the OpenAI-compatible API at http://%s/v1 with %s.\n", l.Addr(), desc)
	fmt.Fprintf(out, "API token: %s\n", token)
	fmt.Fprintln(out, "Press Ctrl-C to stop.")
	return srv.Serve(c.Context(), l)
}

// checkBackend makes sure the backend answers before serving, so that a
// server that is down is reported now, in one line, not on every request.
func checkBackend(ctx context.Context, b engine.Backend) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := b.List(ctx); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
