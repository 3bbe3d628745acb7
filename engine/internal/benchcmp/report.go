package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// row is one model's line in the table: medians over the runs.
type row struct {
	Model     benchModel
	Facts     modelFacts
	Hearth    hearthRun
	Llama     llamaRun
	LimitTokS float64 // decode bound: bandwidth ÷ weight bytes per token
}

// newRow keeps the median of each measurement.
func newRow(m benchModel, f modelFacts, hs []hearthRun, ls []llamaRun, bandwidth float64) row {
	med := func(n int, get func(int) float64) float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = get(i)
		}
		slices.Sort(xs)
		if n%2 == 1 {
			return xs[n/2]
		}
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	h := func(get func(hearthRun) float64) float64 {
		return med(len(hs), func(i int) float64 { return get(hs[i]) })
	}
	l := func(get func(llamaRun) float64) float64 {
		return med(len(ls), func(i int) float64 { return get(ls[i]) })
	}
	return row{Model: m, Facts: f, LimitTokS: bandwidth / float64(f.TokenBytes),
		Hearth: hearthRun{
			PrefillTokS: h(func(r hearthRun) float64 { return r.PrefillTokS }),
			DecodeTokS:  h(func(r hearthRun) float64 { return r.DecodeTokS }),
			TTFTMS:      h(func(r hearthRun) float64 { return r.TTFTMS }),
			Turn2MS:     h(func(r hearthRun) float64 { return r.Turn2MS }),
			Turn2ColdMS: h(func(r hearthRun) float64 { return r.Turn2ColdMS }),
			PeakRSSMB:   h(func(r hearthRun) float64 { return r.PeakRSSMB }),
		},
		Llama: llamaRun{
			PrefillTokS: l(func(r llamaRun) float64 { return r.PrefillTokS }),
			DecodeTokS:  l(func(r llamaRun) float64 { return r.DecodeTokS }),
		}}
}

// report is a whole benchmark run.
type report struct {
	Config    config
	Bandwidth float64 // bytes per second
	CPU       string
	Cores     int
	Load      [2]float64 // one-minute load average before and after, -1 if unknown
	Rows      []row
	Long      []longRow // the long-prompt rows
}

// markdown renders the report: what was measured, where, and the table.
func (r report) markdown() string {
	var b strings.Builder
	c := r.Config
	fmt.Fprintf(&b, "Measured %s on %s (%d cores), %d threads; memory bandwidth %.1f GB/s (1 GiB read-sum, median of 5).\n",
		time.Now().Format("2006-01-02"), r.CPU, r.Cores, c.Threads, r.Bandwidth/1e9)
	if r.Load[0] >= 0 && r.Load[1] >= 0 {
		fmt.Fprintf(&b, "Load average (1 min) %.1f before, %.1f after: other work shares the machine.\n", r.Load[0], r.Load[1])
	}
	runs := "one run per engine"
	if c.Runs > 1 {
		runs = fmt.Sprintf("medians of %d runs per engine, run alternately", c.Runs)
	}
	if len(r.Rows) == 0 {
		fmt.Fprintf(&b, "Command: `make bench BENCH_THREADS=%d BENCH_LONG=%d BENCH_LONG_MODELS=%s BENCH_LONG_ONLY=1`\n",
			c.Threads, c.Long, strings.Join(c.LongModels, ","))
		b.WriteString(longMarkdown(c, r.Long))
		return b.String()
	}
	fmt.Fprintf(&b, "Prompt %d tokens, %d generated, second turn %d; %s.\n", c.Prompt, c.Gen, c.Turn, runs)
	fmt.Fprintf(&b, "Command: `make bench BENCH_THREADS=%d BENCH_PROMPT=%d BENCH_GEN=%d BENCH_TURN=%d BENCH_RUNS=%d`\n\n",
		c.Threads, c.Prompt, c.Gen, c.Turn, c.Runs)
	b.WriteString("| model | type | file | prefill tok/s Hearth / llama.cpp | × | decode tok/s Hearth / llama.cpp | × " +
		"| decode bound tok/s | Hearth / llama.cpp of bound | TTFT ms | turn 2 ms cold / cached | Hearth peak RSS |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, w := range r.Rows {
		h, l := w.Hearth, w.Llama
		fmt.Fprintf(&b, "| %s | %s | %s | %s / %s | %.2f | %s / %s | %.2f | %.1f | %.0f%% / %.0f%% | %.0f | %.0f / %.0f | %.0f MB |\n",
			w.Model.Shape, w.Model.Type, size(w.Facts.FileBytes),
			rate(h.PrefillTokS), rate(l.PrefillTokS), h.PrefillTokS/l.PrefillTokS,
			rate(h.DecodeTokS), rate(l.DecodeTokS), h.DecodeTokS/l.DecodeTokS,
			w.LimitTokS, 100*h.DecodeTokS/w.LimitTokS, 100*l.DecodeTokS/w.LimitTokS,
			h.TTFTMS, h.Turn2ColdMS, h.Turn2MS, h.PeakRSSMB)
	}
	if len(r.Long) > 0 {
		b.WriteString(longMarkdown(c, r.Long))
	}
	return b.String()
}

// rate formats tokens per second with the precision that matters.
func rate(x float64) string {
	if x >= 100 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.1f", x)
}

// size formats a byte count in MB or GB.
func size(n int64) string {
	if n >= 1e9 {
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	}
	return fmt.Sprintf("%.0f MB", float64(n)/1e6)
}
