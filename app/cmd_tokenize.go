package app

import (
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/spf13/cobra"
)

func newTokenizeCommand() *cobra.Command {
	var (
		modelPath      string
		text           string
		noBOS          bool
		noParseSpecial bool
	)
	c := &cobra.Command{
		Use:   "tokenize --model PATH --text TEXT",
		Short: "Print the token ids of a text, as the model's tokenizer splits it",
		Long: "Print the token ids of a text, space separated, as llama.cpp's tokenizer test files\n" +
			"write them. Works with any GGUF that carries a vocabulary, including vocabulary-only files.",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if err := requireFlags(c, "model"); err != nil {
				return err
			}
			ids, err := embedded.TokenizeFile(modelPath, text, !noBOS, !noParseSpecial)
			if err != nil {
				return err
			}
			var b strings.Builder
			for _, id := range ids {
				fmt.Fprintf(&b, " %d", id)
			}
			fmt.Fprintln(c.OutOrStdout(), b.String())
			return nil
		},
	}
	c.Flags().StringVar(&modelPath, "model", "", "GGUF file whose vocabulary to use (required)")
	c.Flags().StringVar(&text, "text", "", "text to tokenize")
	c.Flags().BoolVar(&noBOS, "no-bos", false, "do not add the beginning-of-sequence token the vocabulary asks for")
	c.Flags().BoolVar(&noParseSpecial, "no-parse-special", false, "treat special-token text such as <|im_start|> as plain text")
	return c
}
