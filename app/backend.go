package app

import (
	"context"
	"errors"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/ollama"
	"github.com/hearth-app/hearth/memory"
)

// Backend names accepted by --backend.
const (
	backendEmbedded = "embedded"
	backendOllama   = "ollama"
	backendOpenAI   = "openai"
)

// apiKeyEnv names the variable that carries the API key of --server on the
// command line (a flag would show it to every user of the machine in the
// process list).
const apiKeyEnv = "HEARTH_API_KEY"

// openBackend returns the backend named by name. server is the Ollama
// server (when empty, the one OLLAMA_HOST names, 127.0.0.1:11434 by
// default) or the OpenAI-compatible server (when empty, the one connected
// in the window, read from the encrypted store with its key).
func openBackend(ctx context.Context, stdio IO, name, server string) (engine.Backend, error) {
	switch name {
	case backendOllama:
		return ollama.New(server)
	case backendOpenAI:
		return openaiBackend(ctx, server, func() (*memory.Store, error) { return openStore(ctx, stdio) })
	case backendEmbedded, "":
		return newEmbeddedBackend(ctx, stdio)
	}
	return nil, usagef("unknown backend %q: use embedded, ollama or openai", name)
}

// openaiBackend returns the OpenAI-compatible backend at server, with the
// key from HEARTH_API_KEY; or, without server, the one connected in the
// window, whose address and key open (the store) gives.
func openaiBackend(ctx context.Context, server string, open func() (*memory.Store, error)) (engine.Backend, error) {
	if server != "" {
		key, _ := envSecret(ctx, apiKeyEnv)
		return openaiServer{url: server, key: key}.backend()
	}
	st, err := open()
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return openaiFromStore(ctx, st)
}

// openaiFromStore returns the backend of the server connected in the
// window, from the open store st.
func openaiFromStore(ctx context.Context, st *memory.Store) (engine.Backend, error) {
	srv, ok, err := readOpenAIServer(storeSettings(ctx, st))
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, usagef("no OpenAI-compatible server is connected: connect one in the window's Models, or pass --server URL (the key in %s)", apiKeyEnv)
	}
	return srv.backend()
}

// storeSettings reads the sealed settings of an open store.
func storeSettings(ctx context.Context, st *memory.Store) settingGetter {
	return func(name string) ([]byte, bool, error) {
		v, err := st.Setting(ctx, name)
		if errors.Is(err, memory.ErrNotFound) {
			return nil, false, nil
		}
		return v, err == nil, err
	}
}

// generationFlags are the sampling and length flags generate and chat share.
type generationFlags struct {
	backend string
	server  string
	model   string
	opts    engine.Options
	engine  engineFlags // --context and --kv
}

// embedded reports whether the model runs in this process.
func (g generationFlags) embedded() bool { return g.backend == backendEmbedded || g.backend == "" }

func (g *generationFlags) register(fs flagSet) {
	d := engine.DefaultOptions()
	fs.StringVar(&g.backend, "backend", backendEmbedded, "where the model runs: embedded (this process), ollama, or openai (an OpenAI-compatible server)")
	fs.StringVar(&g.server, "server", "", "the server of --backend ollama (default: OLLAMA_HOST) or openai (default: the one connected in the window; its key in "+apiKeyEnv+")")
	fs.StringVar(&g.model, "model", "", "model: a GGUF path or an installed model's name (required)")
	fs.Float64Var(&g.opts.Temperature, "temperature", d.Temperature, "sampling temperature; 0 is greedy")
	fs.IntVar(&g.opts.TopK, "top-k", d.TopK, "sample from the k most likely tokens (0: all)")
	fs.Float64Var(&g.opts.TopP, "top-p", d.TopP, "nucleus sampling threshold (1: off)")
	fs.Float64Var(&g.opts.MinP, "min-p", d.MinP, "drop tokens less likely than min-p times the best (0: off)")
	fs.Float64Var(&g.opts.RepeatPenalty, "repeat-penalty", d.RepeatPenalty, "penalty for repeating recent tokens (1: off)")
	fs.Int64Var(&g.opts.Seed, "seed", 0, "random seed (0: a new one every run)")
	fs.IntVar(&g.opts.MaxTokens, "max-tokens", d.MaxTokens, "stop after this many tokens")
	fs.IntVar(&g.opts.Threads, "threads", 0, "CPU threads for the embedded engine (0: all cores)")
	g.engine.register(fs)
}

// flagSet is the part of pflag.FlagSet the shared flags use.
type flagSet interface {
	StringVar(p *string, name, value, usage string)
	Float64Var(p *float64, name string, value float64, usage string)
	IntVar(p *int, name string, value int, usage string)
	Int64Var(p *int64, name string, value int64, usage string)
}
