package app

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/hearth-app/hearth/engine/bench"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/spf13/cobra"
)

func newBenchCommand() *cobra.Command {
	var (
		path   string
		plan   = bench.Plan{Prompt: 512, Gen: 128, Turn: 32}
		kv     = "f16"
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "bench --model PATH [--threads N] [--prompt-tokens N] [--gen-tokens N] [--kv f16|q8_0] [--json]",
		Short: "Measure prefill and decode speed",
		Long: "Measure the embedded engine on a GGUF model: prefill speed on a prompt of deterministic\n" +
			"token ids, greedy decode speed (ignoring end-of-sequence), time to first token (the prompt\n" +
			"evaluated and the first token chosen; loading is reported apart), and time to first token on\n" +
			"a second turn appended to the exchange, with the cached prefix reused and, for comparison,\n" +
			"in a fresh session. Peak memory is the process's resident high-water mark (Linux); KV cache\n" +
			"is the memory of the keys and values of the whole exchange, F16 or Q8_0 (--kv).",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if err := checkBenchFlags(c, plan); err != nil {
				return err
			}
			var err error
			if plan.KV, err = model.ParseCacheType(kv); err != nil {
				return usagef("%s: --kv must be f16 or q8_0, got %q", c.CommandPath(), kv)
			}
			if _, err := os.Stat(path); err != nil {
				return fmt.Errorf("model %s: %w", path, err)
			}
			r, err := bench.Run(path, plan)
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(c.OutOrStdout()).Encode(r)
			}
			return printBench(c.OutOrStdout(), r)
		},
	}
	fl := c.Flags()
	fl.StringVar(&path, "model", "", "GGUF file to measure (required)")
	fl.IntVar(&plan.Threads, "threads", 0, "threads to compute with (0: one per CPU)")
	fl.IntVar(&plan.Prompt, "prompt-tokens", plan.Prompt, "tokens in the prompt")
	fl.IntVar(&plan.Gen, "gen-tokens", plan.Gen, "tokens to generate")
	fl.IntVar(&plan.Turn, "turn-tokens", plan.Turn, "tokens in the second turn (0: no second turn)")
	fl.StringVar(&kv, "kv", kv, "KV cache type: f16 or q8_0")
	fl.BoolVar(&asJSON, "json", false, "print the measurements as JSON")
	return c
}

// checkBenchFlags reports a usage error for a missing model or a count out of
// range.
func checkBenchFlags(c *cobra.Command, plan bench.Plan) error {
	if err := requireFlags(c, "model"); err != nil {
		return err
	}
	counts := []struct {
		flag     string
		val, min int
	}{{"threads", plan.Threads, 0}, {"prompt-tokens", plan.Prompt, 1}, {"gen-tokens", plan.Gen, 1}, {"turn-tokens", plan.Turn, 0}}
	for _, n := range counts {
		if n.val < n.min {
			return usagef("%s: --%s must be at least %d, got %d", c.CommandPath(), n.flag, n.min, n.val)
		}
	}
	return nil
}

// printBench writes r as a short table.
func printBench(out io.Writer, r bench.Result) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "model\t%s (%s, %d threads)\n", r.Model, r.Type, r.Threads)
	fmt.Fprintf(w, "prefill\t%.1f tok/s\t(%d tokens)\n", r.PrefillTokS, r.PromptTokens)
	fmt.Fprintf(w, "decode\t%.1f tok/s\t(%d tokens)\n", r.DecodeTokS, r.GenTokens)
	fmt.Fprintf(w, "time to first token\t%.0f ms\t(%d-token prompt)\n", r.TTFTMS, r.PromptTokens)
	if r.TurnTokens > 0 {
		fmt.Fprintf(w, "turn 2, cached prefix\t%.0f ms\t(%d new tokens)\n", r.Turn2MS, r.TurnTokens)
		fmt.Fprintf(w, "turn 2, cold\t%.0f ms\t(%d tokens)\n", r.Turn2ColdMS, r.PromptTokens+r.GenTokens+r.TurnTokens)
	}
	fmt.Fprintf(w, "KV cache\t%.1f MB\t(%s, %d positions)\n", float64(r.KVBytes)/1e6, r.KVType, r.PromptTokens+r.GenTokens+r.TurnTokens)
	if r.PeakRSSMB > 0 {
		fmt.Fprintf(w, "peak memory\t%.0f MB\n", r.PeakRSSMB)
	}
	return w.Flush()
}
