package app

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/spf13/cobra"
)

// embedFlags are hearth embed's options.
type embedFlags struct {
	backend  string
	model    string
	asJSON   bool
	role     string
	overflow string
	threads  int
}

func newEmbedCommand(stdio IO) *cobra.Command {
	var f embedFlags
	c := &cobra.Command{
		Use:   "embed --model PATH|NAME [--json] TEXT...",
		Short: "Print one embedding vector per text",
		Long: "Print one embedding vector per text, unit length, computed by an embedding model. Without\n" +
			"TEXT arguments the texts are read from standard input, one per line. Each vector is printed\n" +
			"on one line, its values separated by spaces; with --json the output is one JSON array of\n" +
			"arrays. --as query or --as document adds the prefix the model's family was trained with\n" +
			"(nomic-embed, e5, Qwen3-Embedding, bge-en).",
		RunE: func(c *cobra.Command, args []string) error {
			if err := requireFlags(c, "model"); err != nil {
				return err
			}
			texts, err := embedTexts(args, stdio.In)
			if err != nil {
				return err
			}
			vecs, err := f.embed(c, stdio, texts)
			if err != nil {
				return err
			}
			return printVectors(c.OutOrStdout(), vecs, f.asJSON)
		},
	}
	fs := c.Flags()
	fs.StringVar(&f.backend, "backend", backendEmbedded, "where the model runs: embedded (this process) or ollama")
	fs.StringVar(&f.model, "model", "", "model: a GGUF path or an installed model's name (required)")
	fs.BoolVar(&f.asJSON, "json", false, "print a JSON array of arrays")
	fs.StringVar(&f.role, "as", "", "query or document: add the model family's prefix for that role")
	fs.StringVar(&f.overflow, "overflow", "error", "a text longer than the model's context: error, truncate, or split (mean of the parts)")
	fs.IntVar(&f.threads, "threads", 0, "CPU threads for the embedded engine (0: all cores)")
	return c
}

// embed computes the vectors of texts with the chosen backend and model.
func (f embedFlags) embed(c *cobra.Command, stdio IO, texts []string) ([][]float32, error) {
	role, err := parseRole(f.role)
	if err != nil {
		return nil, err
	}
	overflow, err := parseOverflow(f.overflow)
	if err != nil {
		return nil, err
	}
	b, err := openBackend(c.Context(), stdio, f.backend, "")
	if err != nil {
		return nil, err
	}
	name := strings.TrimSuffix(filepath.Base(f.model), filepath.Ext(f.model))
	for i, t := range texts {
		texts[i] = engine.EmbedPrefix(role, t, name)
	}
	if eb, ok := b.(*embedded.Backend); ok {
		defer eb.Close()
		return eb.EmbedWith(c.Context(), f.model, texts, embedded.EmbedOptions{Overflow: overflow, Threads: f.threads})
	}
	if overflow != embedded.OverflowError {
		return nil, usagef("--overflow %s needs the embedded engine", f.overflow)
	}
	return b.Embed(c.Context(), f.model, texts)
}

func parseRole(s string) (engine.EmbedRole, error) {
	switch s {
	case "":
		return engine.EmbedRaw, nil
	case "query":
		return engine.EmbedQuery, nil
	case "document":
		return engine.EmbedDocument, nil
	}
	return 0, usagef("--as %q: use query or document", s)
}

func parseOverflow(s string) (embedded.Overflow, error) {
	switch s {
	case "error", "":
		return embedded.OverflowError, nil
	case "truncate":
		return embedded.OverflowTruncate, nil
	case "split":
		return embedded.OverflowSplit, nil
	}
	return 0, usagef("--overflow %q: use error, truncate or split", s)
}

// embedTexts returns the arguments, or the lines of in when there are none.
func embedTexts(args []string, in io.Reader) ([]string, error) {
	if len(args) > 0 {
		return args, nil
	}
	var texts []string
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		texts = append(texts, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read texts: %w", err)
	}
	if len(texts) == 0 {
		return nil, usagef("no texts: give them as arguments or on standard input, one per line")
	}
	return texts, nil
}

// printVectors writes one line of values per vector, or a JSON array of
// arrays. Values are the shortest decimals that read back to the same
// float32.
func printVectors(w io.Writer, vecs [][]float32, asJSON bool) error {
	bw := bufio.NewWriter(w)
	if asJSON {
		if err := json.NewEncoder(bw).Encode(vecs); err != nil {
			return err
		}
		return bw.Flush()
	}
	for _, v := range vecs {
		for i, x := range v {
			if i > 0 {
				bw.WriteByte(' ')
			}
			bw.WriteString(strconv.FormatFloat(float64(x), 'g', -1, 32))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
