package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/ollama"
	"github.com/hearth-app/hearth/memory"
	"github.com/spf13/cobra"
)

func newAskCommand(stdio IO) *cobra.Command {
	var (
		gen generationFlags
		k   int
	)
	c := &cobra.Command{
		Use:   "ask QUESTION",
		Short: "Answer a question from your documents, with citations",
		Long: "Answer a question from the documents in the library: the passages that match it best go to\n" +
			"the model as numbered sources, and the answer cites them as [1], [2]. Without a model it\n" +
			"prints the sources it found.",
		Args: minArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			question := strings.TrimSpace(strings.Join(args, " "))
			if question == "" {
				return usagef("ask needs a question")
			}
			if _, err := gen.engine.over(c.Name(), standardEngine()); err != nil {
				return err
			}
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				return contextHint(ask(c.Context(), stdio, st, gen, question, k))
			})
		},
	}
	gen.register(c.Flags())
	c.Flags().IntVar(&k, "k", 5, "how many passages to give the model")
	if f := c.Flags().Lookup("model"); f != nil {
		f.Usage = "model: a GGUF path or an installed model's name (default: the default model)"
	}
	return c
}

// ask retrieves the passages for question and has the model answer from
// them, then prints the sources.
func ask(ctx context.Context, stdio IO, st *memory.Store, gen generationFlags, question string, k int) error {
	w := stdio.Out
	e, err := cliEmbedder(ctx, st, "")
	if err != nil {
		return err
	}
	defer e.close()
	hits, err := st.SearchDocumentsWith(ctx, e, question, k) // keyword only without an embedding model
	if err != nil {
		return err
	}
	if len(hits) == 0 {
		fmt.Fprintln(w, "Nothing in your documents matches the question (see 'hearth docs status').")
		return nil
	}
	if gen.model == "" {
		gen.model = readChatOptions(ctx, st, 0).Model
	}
	if gen.model == "" {
		fmt.Fprintln(w, "No model is installed, so here are the passages that match best (install one with 'hearth models pull').")
		printSources(w, hits, true)
		return nil
	}
	b, err := askModelBackend(ctx, stdio, st, gen)
	if err != nil {
		return err
	}
	req := engine.Request{Model: gen.model, Options: gen.opts, Messages: []engine.Message{
		{Role: "system", Content: askSystem + "\n\n" + sourcesPrompt(hits)},
		{Role: "user", Content: question},
	}}
	out := newTerminalWriter(w)
	answer, _, err := streamAnswer(ctx, b, req, out)
	out.Flush()
	endLine(w, answer)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nSources:")
	printSources(w, hits, false)
	return nil
}

// askModelBackend is the backend ask generates with: the embedded engine
// with the settings kept in st and the flags laid over them, or the one
// --backend names.
func askModelBackend(ctx context.Context, stdio IO, st *memory.Store, gen generationFlags) (engine.Backend, error) {
	if !gen.embedded() {
		return askBackend(ctx, st, gen.backend)
	}
	e, err := gen.engine.engineFromStore(ctx, "ask", st)
	if err != nil {
		return nil, err
	}
	return newEmbeddedBackendOver(ctx, st, e, stdio.Err), nil
}

// askBackend is the generation backend, resolving model names through
// the open store.
func askBackend(ctx context.Context, st *memory.Store, name string) (engine.Backend, error) {
	switch name {
	case backendEmbedded, "":
		return newEmbeddedBackendOver(ctx, st, savedEngine(ctx, st), io.Discard), nil
	case backendOllama:
		return ollama.New("")
	case backendOpenAI:
		return openaiFromStore(ctx, st)
	}
	return nil, usagef("unknown backend %q: use embedded, ollama or openai", name)
}

// printSources lists the sources as [n] path p.N § heading (chars a–b),
// with their snippets when asked.
func printSources(w io.Writer, hits []memory.DocHit, snippets bool) {
	for i, h := range hits {
		fmt.Fprintf(w, "[%d] %s\n", i+1, terminalText(citeLocation(h)))
		if snippets {
			fmt.Fprintf(w, "    %s\n", terminalText(h.Snippet))
		}
	}
}
