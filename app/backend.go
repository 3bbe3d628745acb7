package app

import (
	"context"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/ollama"
)

// Backend names accepted by --backend.
const (
	backendEmbedded = "embedded"
	backendOllama   = "ollama"
)

// openBackend returns the backend named by name. The Ollama server is
// ollamaHost, or when that is empty the one OLLAMA_HOST names
// (127.0.0.1:11434 by default).
func openBackend(ctx context.Context, stdio IO, name, ollamaHost string) (engine.Backend, error) {
	switch name {
	case backendOllama:
		return ollama.New(ollamaHost)
	case backendEmbedded, "":
		return newEmbeddedBackend(ctx, stdio)
	}
	return nil, usagef("unknown backend %q: use embedded or ollama", name)
}

// generationFlags are the sampling and length flags generate and chat share.
type generationFlags struct {
	backend string
	model   string
	opts    engine.Options
}

func (g *generationFlags) register(fs flagSet) {
	d := engine.DefaultOptions()
	fs.StringVar(&g.backend, "backend", backendEmbedded, "where the model runs: embedded (this process) or ollama")
	fs.StringVar(&g.model, "model", "", "model: a GGUF path or an installed model's name (required)")
	fs.Float64Var(&g.opts.Temperature, "temperature", d.Temperature, "sampling temperature; 0 is greedy")
	fs.IntVar(&g.opts.TopK, "top-k", d.TopK, "sample from the k most likely tokens (0: all)")
	fs.Float64Var(&g.opts.TopP, "top-p", d.TopP, "nucleus sampling threshold (1: off)")
	fs.Float64Var(&g.opts.MinP, "min-p", d.MinP, "drop tokens less likely than min-p times the best (0: off)")
	fs.Float64Var(&g.opts.RepeatPenalty, "repeat-penalty", d.RepeatPenalty, "penalty for repeating recent tokens (1: off)")
	fs.Int64Var(&g.opts.Seed, "seed", 0, "random seed (0: a new one every run)")
	fs.IntVar(&g.opts.MaxTokens, "max-tokens", d.MaxTokens, "stop after this many tokens")
	fs.IntVar(&g.opts.Threads, "threads", 0, "CPU threads for the embedded engine (0: all cores)")
}

// flagSet is the part of pflag.FlagSet the shared flags use.
type flagSet interface {
	StringVar(p *string, name, value, usage string)
	Float64Var(p *float64, name string, value float64, usage string)
	IntVar(p *int, name string, value int, usage string)
	Int64Var(p *int64, name string, value int64, usage string)
}
