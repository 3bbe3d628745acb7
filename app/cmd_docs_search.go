package app

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hearth-app/hearth/memory"
	"github.com/spf13/cobra"
)

// docResult is one docs search result as --json prints it.
type docResult struct {
	Path     string          `json:"path"`
	Score    float64         `json:"score"`
	Snippet  string          `json:"snippet"`
	Location memory.Location `json:"location"`
}

// maxSearchResults bounds --k: each result is a chunk opened and shown.
const maxSearchResults = 1000

func newDocsSearchCommand(stdio IO) *cobra.Command {
	var (
		k      int
		asJSON bool
		stdin  bool
		model  string
	)
	c := &cobra.Command{
		Use:   "search [--k N] [--json] QUERY | --stdin",
		Short: "Search the documents in the library",
		Long: "Search the documents in the library. With --stdin it reads one query per line and prints\n" +
			"one JSON array of results per line, through one open store.",
		RunE: func(c *cobra.Command, args []string) error {
			if k < 1 || k > maxSearchResults {
				return usagef("--k must be between 1 and %d", maxSearchResults)
			}
			query := strings.TrimSpace(strings.Join(args, " "))
			if stdin != (query == "") {
				return usagef("docs search takes a QUERY or --stdin (see 'hearth docs search --help')")
			}
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				e, err := cliEmbedder(c.Context(), st, model)
				if err != nil {
					return err
				}
				defer e.close()
				if stdin {
					return searchLines(c, st, e, stdio.In, k)
				}
				hits, err := st.SearchDocumentsWith(c.Context(), e, query, k)
				if err != nil {
					return err
				}
				if asJSON {
					return json.NewEncoder(c.OutOrStdout()).Encode(docResults(hits))
				}
				printDocHits(c.OutOrStdout(), hits)
				return nil
			})
		},
	}
	c.Flags().IntVar(&k, "k", 10, "how many results")
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	c.Flags().BoolVar(&stdin, "stdin", false, "read one query per line from stdin, print one JSON array per line")
	c.Flags().StringVar(&model, "model", "", "embedding model for the query: a GGUF file or a library model's name (default: the first installed; keyword search when none)")
	return c
}

// searchLines answers one query per line of in with one JSON line each.
func searchLines(c *cobra.Command, st *memory.Store, e memory.ModelEmbedder, in io.Reader, k int) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	enc := json.NewEncoder(c.OutOrStdout())
	for sc.Scan() {
		hits, err := st.SearchDocumentsWith(c.Context(), e, sc.Text(), k)
		if err != nil {
			return err
		}
		if err := enc.Encode(docResults(hits)); err != nil {
			return err
		}
	}
	return sc.Err()
}

func docResults(hits []memory.DocHit) []docResult {
	out := make([]docResult, 0, len(hits))
	for _, h := range hits {
		out = append(out, docResult{Path: h.Path, Score: h.Score, Snippet: h.Snippet, Location: h.Location})
	}
	return out
}

func printDocHits(w io.Writer, hits []memory.DocHit) {
	if len(hits) == 0 {
		fmt.Fprintln(w, "Nothing found.")
		return
	}
	for i, h := range hits {
		fmt.Fprintf(w, "[%d] %s  (%.2f)\n    %s\n", i+1, terminalText(citeLocation(h)), h.Score, terminalText(h.Snippet))
	}
}

// citeLocation is a hit's file with its page or heading and character
// range, as citations show it.
func citeLocation(h memory.DocHit) string {
	s := h.Path
	if h.Location.Page > 0 {
		s += fmt.Sprintf(" p.%d", h.Location.Page)
	}
	if h.Location.Heading != "" {
		s += " § " + h.Location.Heading
	}
	return s + fmt.Sprintf(" (chars %d–%d)", h.Location.Start, h.Location.End)
}
