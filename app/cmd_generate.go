package app

import (
	"fmt"

	"github.com/hearth-app/hearth/engine"
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
		Long: "Generate text with a model and print it as it comes. Without --raw the prompt is sent as a\n" +
			"user message through the model's own chat template; with --raw it is the plain text to continue.",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if err := requireFlags(c, "model", "prompt"); err != nil {
				return err
			}
			b, err := openBackend(c.Context(), stdio, gen.backend, "")
			if err != nil {
				return err
			}
			req := engine.Request{Model: gen.model, Options: gen.opts, Raw: raw, Prompt: prompt}
			if !raw {
				req.Prompt = ""
				if system != "" {
					req.Messages = append(req.Messages, engine.Message{Role: "system", Content: system})
				}
				req.Messages = append(req.Messages, engine.Message{Role: "user", Content: prompt})
			}
			answer, _, err := streamAnswer(c.Context(), b, req, c.OutOrStdout())
			endLine(c.OutOrStdout(), answer)
			if err != nil {
				return err
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
	c.Flags().BoolVar(&raw, "raw", false, "continue the prompt as plain text, without the chat template")
	c.Flags().BoolVar(&save, "save", false, "keep the exchange in the encrypted store")
	return c
}
