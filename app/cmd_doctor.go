package app

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

func newDoctorCommand() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "doctor",
		Short: "Report this machine's CPU, memory, data directory and Ollama server",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			r := Diagnose(c.Context())
			if asJSON {
				enc := json.NewEncoder(c.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			printReport(c.OutOrStdout(), r)
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

func printReport(w io.Writer, r Report) {
	row := func(k, v string) { fmt.Fprintf(w, "%-14s %s\n", k+":", v) }
	row("Hearth", r.Build.Version+" ("+r.Build.GoVersion+")")
	row("System", r.OS+"/"+r.Arch)
	row("CPU", fmt.Sprintf("%s, %d cores", r.CPU, r.Cores))
	row("CPU features", orNone(strings.Join(r.CPUFeatures, " ")))
	row("Memory", fmt.Sprintf("%s total, %s available", gib(r.MemoryTotal), gib(r.MemoryFree)))
	row("Data", r.DataDir)
	if len(r.Recommended) > 0 {
		row("Models", "best for this machine: "+strings.Join(r.Recommended, ", ")+" (hearth models pull NAME)")
	}
	if r.Ollama.Running {
		row("Ollama", fmt.Sprintf("running at %s (version %s)", r.Ollama.Host, r.Ollama.Version))
	} else {
		row("Ollama", fmt.Sprintf("%s at %s", r.Ollama.Error, r.Ollama.Host))
	}
}

func gib(b uint64) string {
	if b == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
}

func orNone(s string) string {
	if s == "" {
		return "none detected"
	}
	return s
}
