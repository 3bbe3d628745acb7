package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/hearth-app/hearth/app/openai"
	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/engine/ollama"
)

// served is what `hearth serve` generates with.
type served struct {
	backend engine.Backend
	// models lists the names requests may use; nil: the backend's list.
	models func(context.Context) ([]string, error)
	desc   string // said at start: "the embedded engine", "Ollama at HOST"
	close  func()
}

// openServed opens the backend `hearth serve` generates with. The embedded
// engine's model library lives in the encrypted store, which is opened
// here, once, before the first request: the passphrase is asked (or read
// from HEARTH_PASSPHRASE) at start, and no request can make serve prompt.
func openServed(ctx context.Context, stdio IO, name, ollamaHost string, flags engineFlags) (*served, error) {
	switch name {
	case backendOllama:
		b, err := ollama.New(ollamaHost)
		if err != nil {
			return nil, err
		}
		return &served{backend: b, desc: "Ollama at " + b.Host(), close: func() {}}, nil
	case backendEmbedded, "":
		st, err := openStore(ctx, stdio)
		if err != nil {
			return nil, err
		}
		dir, err := modelsDir()
		if err != nil {
			st.Close()
			return nil, err
		}
		e, err := flags.engineFromStore(ctx, "serve", st)
		if err != nil {
			st.Close()
			return nil, err
		}
		models := apiModels{lib: library.New(dir, sealedSettings{ctx: ctx, st: st})}
		b := embedded.NewBackend(newNotingCatalog(models, e, stdio.Err), e.options())
		return &served{backend: b, models: models.Names, desc: "the embedded engine (" + e.describe() + ")",
			close: func() { b.Close(); st.Close() }}, nil
	}
	return nil, usagef("unknown backend %q: use embedded or ollama", name)
}

func newServeCommand(stdio IO) *cobra.Command {
	var addr, backend, ollamaHost string
	var allowRemote bool
	var eng engineFlags
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve an OpenAI-compatible API on this machine",
		Long: "Serve an OpenAI-compatible API (/v1/chat/completions, /v1/completions,\n" +
			"/v1/embeddings, /v1/models) on 127.0.0.1, for tools that speak OpenAI's API.\n" +
			"Clients authenticate with the bearer token printed at start (kept in the data\n" +
			"directory's api-token file) and name models as `hearth models list` does.\n" +
			"Other machines can reach it only with --allow-remote.",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if _, err := eng.over(c.Name(), standardEngine()); err != nil {
				return err
			}
			return serve(c, stdio, addr, allowRemote, backend, ollamaHost, eng)
		},
	}
	c.Flags().StringVar(&addr, "addr", openai.DefaultAddr, "address to listen on (HOST:PORT)")
	c.Flags().BoolVar(&allowRemote, "allow-remote", false, "allow an address other machines can reach")
	c.Flags().StringVar(&backend, "backend", backendEmbedded, "backend to generate with: embedded or ollama")
	c.Flags().StringVar(&ollamaHost, "ollama-host", "", "Ollama server (default: OLLAMA_HOST, else 127.0.0.1:11434)")
	eng.register(c.Flags())
	return c
}

func serve(c *cobra.Command, stdio IO, addr string, allowRemote bool, backendName, ollamaHost string, eng engineFlags) error {
	warning, err := openai.CheckAddr(addr, allowRemote)
	if err != nil {
		return usagef("%v", err)
	}
	dir, err := DataDir()
	if err != nil {
		return err
	}
	tokenFile := filepath.Join(dir, "api-token")
	token, err := openai.LoadOrCreateToken(tokenFile)
	if err != nil {
		return err
	}
	sv, err := openServed(c.Context(), stdio, backendName, ollamaHost, eng)
	if err != nil {
		return err
	}
	defer sv.close()
	if err := checkBackend(c.Context(), sv.backend); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(c.ErrOrStderr(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := openai.New(sv.backend, token, openai.Options{Log: log, Models: sv.models})
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", listenError(addr, err))
	}
	if warning != "" {
		fmt.Fprintln(c.ErrOrStderr(), warning)
	}
	out := c.OutOrStdout()
	fmt.Fprintf(out, "Serving the OpenAI-compatible API at http://%s/v1 with %s.\n", l.Addr(), sv.desc)
	fmt.Fprintf(out, "API token: %s\n", token)
	fmt.Fprintf(out, "The token is kept in %s.\n", tokenFile)
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
