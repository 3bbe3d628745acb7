package app

import (
	"fmt"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/memory"
	"github.com/spf13/cobra"
)

func newGenerateCommand(stdio IO) *cobra.Command {
	var (
		gen    generationFlags
		prompt string
		system string
		raw    bool
		save   bool
	)
	c := &cobra.Command{
		Use:   "generate --model PATH|NAME --prompt TEXT",
		Short: "Generate text with a model and print it as it comes",
		Long: "Generate text with a model and print it as it comes. A chat model gets the prompt as a user\n" +
			"message through its own chat template; a base model (one without a chat template) continues it\n" +
			"as plain text, as does any model with --raw.",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if err := requireFlags(c, "model", "prompt"); err != nil {
				return err
			}
			b, model, err := generateBackend(c, stdio, gen)
			if err != nil {
				return err
			}
			if !c.Flags().Changed("raw") && gen.embedded() {
				raw = !embedded.HasChatTemplate(model)
			}
			req := engine.Request{Model: model, Options: gen.opts, Raw: raw, Prompt: prompt}
			if !raw {
				req.Prompt = ""
				if system != "" {
					req.Messages = append(req.Messages, engine.Message{Role: "system", Content: system})
				}
				req.Messages = append(req.Messages, engine.Message{Role: "user", Content: prompt})
			}
			out := newTerminalWriter(c.OutOrStdout())
			answer, _, err := streamAnswer(c.Context(), b, req, out)
			out.Flush()
			endLine(c.OutOrStdout(), answer)
			if err != nil {
				return contextHint(err)
			}
			if !save {
				return nil
			}
			msgs := append(req.Messages, engine.Message{Role: "assistant", Content: answer})
			if raw {
				msgs = []engine.Message{{Role: "user", Content: prompt}, {Role: "assistant", Content: answer}}
			}
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				conv, _, err := saveExchange(c.Context(), st, 0, 0, gen.model, msgs)
				if err == nil {
					fmt.Fprintf(stdio.Err, "Saved as conversation %d.\n", conv)
				}
				return err
			})
		},
	}
	gen.register(c.Flags())
	c.Flags().StringVar(&prompt, "prompt", "", "the prompt (required)")
	c.Flags().StringVar(&system, "system", "", "a system prompt (chat mode only)")
	c.Flags().BoolVar(&raw, "raw", false, "continue the prompt as plain text, without the chat template (default for base models)")
	c.Flags().BoolVar(&save, "save", false, "keep the exchange in the encrypted store")
	return c
}

// generateBackend returns the backend generate runs on and the model's
// name there: for the embedded engine, the model's file, resolved once,
// loaded with the engine settings (those kept in the store for an
// installed model's name) and the flags.
func generateBackend(c *cobra.Command, stdio IO, gen generationFlags) (engine.Backend, string, error) {
	if !gen.embedded() {
		b, err := openBackend(c.Context(), stdio, gen.backend, gen.server)
		return b, gen.model, err
	}
	path, e, err := resolveEmbedded(c.Context(), stdio, c.Name(), gen)
	if err != nil {
		return nil, "", err
	}
	return embedded.NewBackend(newNotingCatalog(embedded.Dir(""), e, stdio.Err), e.options()), path, nil
}
