package main

import (
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	hs := []hearthRun{
		{PrefillTokS: 10, DecodeTokS: 4, TTFTMS: 900, Turn2MS: 50, Turn2ColdMS: 1200, PeakRSSMB: 700},
		{PrefillTokS: 30, DecodeTokS: 2, TTFTMS: 100, Turn2MS: 70, Turn2ColdMS: 1000, PeakRSSMB: 650},
		{PrefillTokS: 20, DecodeTokS: 3, TTFTMS: 500, Turn2MS: 60, Turn2ColdMS: 1100, PeakRSSMB: 600},
	}
	ls := []llamaRun{{PrefillTokS: 100, DecodeTokS: 12}, {PrefillTokS: 80, DecodeTokS: 10}}
	m := benchModel{Name: "llama-1.1B-Q4_0", Shape: "TinyLlama 1.1B", Type: "Q4_0"}
	// 600 MB a token at 12 GB/s: at most 20 tokens/s.
	w := newRow(m, modelFacts{FileBytes: 620e6, Vocab: 32000, TokenBytes: 600e6}, hs, ls, 12e9)
	r := report{Config: config{Threads: 2, Prompt: 64, Gen: 16, Turn: 16, Runs: 3}, Bandwidth: 12e9, CPU: "Test CPU", Cores: 2, Load: [2]float64{1.25, 3}, Rows: []row{w}}
	md := r.markdown()
	for _, want := range []string{
		"Test CPU (2 cores), 2 threads; memory bandwidth 12.0 GB/s",
		"Load average (1 min) 1.2 before, 3.0 after",
		"`make bench BENCH_THREADS=2 BENCH_PROMPT=64 BENCH_GEN=16 BENCH_TURN=16 BENCH_RUNS=3`",
		"| TinyLlama 1.1B | Q4_0 | 620 MB | 20.0 / 90.0 | 0.22 | 3.0 / 11.0 | 0.27 | 20.0 | 15% / 55% | 500 | 1100 / 60 | 650 MB |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestMarkdownLong(t *testing.T) {
	m := benchModel{Name: "qwen2-0.5B-Q8_0", Shape: "Qwen2.5 0.5B", Type: "Q8_0"}
	c := config{Threads: 2, Long: 4096, LongModels: []string{"qwen2-0.5B-Q8_0"}, LongOnly: true}
	r := report{Config: c, Bandwidth: 12e9, CPU: "Test CPU", Cores: 2, Load: [2]float64{-1, -1},
		Long: []longRow{{Model: m, KV: "q8_0", Hearth: 20000, Llama: 25000, KVBytes: 26_116_096, HearthPF: 204.8, LlamaPF: 163.84}}}
	md := r.markdown()
	for _, want := range []string{
		"`make bench BENCH_THREADS=2 BENCH_LONG=4096 BENCH_LONG_MODELS=qwen2-0.5B-Q8_0 BENCH_LONG_ONLY=1`",
		"Long prompt: 4096 tokens",
		"| Qwen2.5 0.5B | Q8_0 | q8_0 | 20000 / 25000 | 1.25 | 205 / 164 | 26.1 MB |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
