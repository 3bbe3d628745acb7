package app

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/ingest"
	"github.com/spf13/cobra"
)

// sourceStatus is one library folder's state for docs status.
type sourceStatus struct {
	Path     string                `json:"path"`
	Files    int                   `json:"files"`
	ByStatus map[ingest.Status]int `json:"by_status"`
	Chunks   int                   `json:"chunks"`
	// Problems are the files that failed or hold no text, with why.
	Problems []fileProblem `json:"problems"`
}

type fileProblem struct {
	Path   string        `json:"path"`
	Status ingest.Status `json:"status"`
	Reason string        `json:"reason"`
}

func newDocsStatusCommand(stdio IO) *cobra.Command {
	var (
		asJSON bool
		model  string
	)
	c := &cobra.Command{
		Use:   "status",
		Short: "Show each library folder's files by status, and why files failed",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return withStore(c.Context(), stdio, func(st *memory.Store) error {
				srcs, err := st.Sources(c.Context())
				if err != nil {
					return err
				}
				out := make([]sourceStatus, 0, len(srcs))
				for _, src := range srcs {
					files, err := st.FileStates(c.Context(), src.ID)
					if err != nil {
						return err
					}
					out = append(out, summarise(src, files))
				}
				if asJSON {
					return json.NewEncoder(c.OutOrStdout()).Encode(out)
				}
				printStatus(c.OutOrStdout(), out)
				if len(out) == 0 {
					return nil
				}
				sem, err := semanticCoverage(c.Context(), st, model)
				if err != nil {
					return err
				}
				printSemantic(c.OutOrStdout(), sem)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	c.Flags().StringVar(&model, "model", "", "embedding model whose semantic coverage to show: a GGUF file or a library model's name (default: the first installed)")
	return c
}

func summarise(src memory.LibrarySource, files []memory.FileState) sourceStatus {
	s := sourceStatus{Path: src.Path, Files: len(files), ByStatus: map[ingest.Status]int{}, Problems: []fileProblem{}}
	for _, f := range files {
		s.ByStatus[f.Status]++
		s.Chunks += f.Chunks
		if f.Status == ingest.Failed || f.Status == ingest.NoText {
			s.Problems = append(s.Problems, fileProblem{Path: f.Path, Status: f.Status, Reason: f.Reason})
		}
	}
	sort.Slice(s.Problems, func(i, j int) bool { return s.Problems[i].Path < s.Problems[j].Path })
	return s
}

func printStatus(w io.Writer, srcs []sourceStatus) {
	if len(srcs) == 0 {
		fmt.Fprintln(w, "The library is empty. Add a folder with: hearth docs add DIR")
		return
	}
	for _, s := range srcs {
		fmt.Fprintf(w, "%s: %d files, %d chunks (indexed %d, skipped %d, failed %d, no text %d)\n", terminalText(s.Path), s.Files, s.Chunks,
			s.ByStatus[ingest.Indexed], s.ByStatus[ingest.Skipped], s.ByStatus[ingest.Failed], s.ByStatus[ingest.NoText])
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  %-8s %s: %s\n", p.Status, terminalText(p.Path), terminalText(p.Reason))
		}
	}
}
