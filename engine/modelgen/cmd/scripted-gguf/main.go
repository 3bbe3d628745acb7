// Command scripted-gguf writes a scripted model (see modelgen.Scripted) for
// end-to-end tests: its greedy answer to any prompt is the pieces read, as
// a JSON array of strings, from standard input.
//
//	go run ./engine/modelgen/cmd/scripted-gguf NAME OUT.gguf < pieces.json
package main

import (
	"encoding/json"
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
	if len(args) != 2 {
		return fmt.Errorf("usage: scripted-gguf NAME OUT.gguf < pieces.json")
	}
	var pieces []string
	if err := json.NewDecoder(io.LimitReader(in, 1<<20)).Decode(&pieces); err != nil {
		return fmt.Errorf("reading the pieces (a JSON array of strings): %w", err)
	}
	return modelgen.WriteScripted(args[1], modelgen.Scripted{Name: args[0], Pieces: pieces})
}
