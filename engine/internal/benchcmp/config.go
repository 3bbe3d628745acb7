package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// config is what a run of the benchmark measures, from BENCH_* environment
// variables (the Makefile passes its own variables of the same names).
type config struct {
	Dir     string   // BENCH_DIR: where models and results are kept
	Threads int      // BENCH_THREADS: threads for both engines
	Prompt  int      // BENCH_PROMPT: prompt tokens
	Gen     int      // BENCH_GEN: generated tokens
	Turn    int      // BENCH_TURN: tokens of the second turn
	Runs    int      // BENCH_RUNS: runs per engine and model; medians are reported
	Models  []string // BENCH_MODELS: comma-separated parts of model names to keep; empty keeps all
	// Long is the prompt of the long-prompt rows (BENCH_LONG, 4096; 0 for
	// none), measured on the models LongModels names (BENCH_LONG_MODELS,
	// "qwen2-0.5B-Q8_0") with F16 and Q8_0 KV caches; BENCH_LONG_ONLY=1
	// measures only those rows.
	Long       int
	LongModels []string
	LongOnly   bool
}

// configFromEnv reads the BENCH_* variables, with defaults for those unset.
func configFromEnv() (config, error) {
	c := config{Dir: os.Getenv("BENCH_DIR")}
	if c.Dir == "" {
		c.Dir = ".cache/bench"
	}
	ints := []struct {
		name     string
		dst      *int
		def, min int
	}{
		{"BENCH_THREADS", &c.Threads, runtime.NumCPU(), 1},
		{"BENCH_PROMPT", &c.Prompt, 512, 1},
		{"BENCH_GEN", &c.Gen, 128, 1},
		{"BENCH_TURN", &c.Turn, 32, 1},
		{"BENCH_RUNS", &c.Runs, 3, 1},
		{"BENCH_LONG", &c.Long, 4096, 0},
	}
	for _, v := range ints {
		n, err := envInt(v.name, v.def)
		if err != nil {
			return c, err
		}
		if n < v.min {
			return c, fmt.Errorf("%s must be at least %d, got %d", v.name, v.min, n)
		}
		*v.dst = n
	}
	c.Models = names(os.Getenv("BENCH_MODELS"))
	c.LongModels = names(os.Getenv("BENCH_LONG_MODELS"))
	if len(c.LongModels) == 0 {
		c.LongModels = []string{"qwen2-0.5B-Q8_0"}
	}
	c.LongOnly = strings.TrimSpace(os.Getenv("BENCH_LONG_ONLY")) == "1"
	return c, nil
}

// names splits a comma-separated list, dropping empty parts.
func names(s string) []string {
	var out []string
	for _, m := range strings.Split(s, ",") {
		if m = strings.TrimSpace(m); m != "" {
			out = append(out, m)
		}
	}
	return out
}

// envInt returns the integer in the environment variable name, or def when
// it is unset or empty.
func envInt(name string, def int) (int, error) {
	s := strings.TrimSpace(os.Getenv(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%s must be a whole number, got %q", name, s)
	}
	return n, nil
}

// wants reports whether the model called name is one the run measures.
func (c config) wants(name string) bool {
	if c.LongOnly {
		return false
	}
	return matches(c.Models, name)
}

// wantsLong reports whether the model called name gets a long-prompt row.
func (c config) wantsLong(name string) bool {
	return c.Long > 0 && len(c.LongModels) > 0 && matches(c.LongModels, name)
}

// matches reports whether name contains one of parts (any, when there are
// none), ignoring case.
func matches(parts []string, name string) bool {
	if len(parts) == 0 {
		return true
	}
	for _, m := range parts {
		if strings.Contains(strings.ToLower(name), strings.ToLower(m)) {
			return true
		}
	}
	return false
}
