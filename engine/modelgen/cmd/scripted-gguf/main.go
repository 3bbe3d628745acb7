// Command scripted-gguf writes a scripted model (see modelgen.Scripted) for
// end-to-end tests: its greedy answer to any prompt is the pieces read, as
// a JSON array of strings, from standard input. With -loop the answer starts
// again after its last piece and never ends by itself (until the answer's
// length limit or the context, set with -context, is reached). -template
// gives the model a chat template read from a file (a real model's, so that
// an answer can call tools in that model's format).
//
//	go run ./engine/modelgen/cmd/scripted-gguf [-loop] [-context N] [-template FILE] NAME OUT.gguf < pieces.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/hearth-app/hearth/engine/modelgen"
)

func main() {
	if err := run(os.Args[1:], os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, "scripted-gguf:", err)
		os.Exit(1)
	}
}

func run(args []string, in io.Reader) error {
	fs := flag.NewFlagSet("scripted-gguf", flag.ContinueOnError)
	loop := fs.Bool("loop", false, "start again after the last piece")
	context := fs.Int("context", 0, "context length (0: 4096)")
	template := fs.String("template", "", "a file holding the chat template (default: ChatML)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	args = fs.Args()
	if len(args) != 2 {
		return fmt.Errorf("usage: scripted-gguf [-loop] [-context N] [-template FILE] NAME OUT.gguf < pieces.json")
	}
	var pieces []string
	if err := json.NewDecoder(io.LimitReader(in, 1<<20)).Decode(&pieces); err != nil {
		return fmt.Errorf("reading the pieces (a JSON array of strings): %w", err)
	}
	var tmpl []byte
	if *template != "" {
		var err error
		if tmpl, err = os.ReadFile(*template); err != nil {
			return err
		}
	}
	return modelgen.WriteScripted(args[1], modelgen.Scripted{Name: args[0], Pieces: pieces, Loop: *loop, Context: *context, ChatTemplate: string(tmpl)})
}
