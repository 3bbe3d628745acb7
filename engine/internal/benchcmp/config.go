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
	for _, m := range strings.Split(os.Getenv("BENCH_MODELS"), ",") {
		if m = strings.TrimSpace(m); m != "" {
			c.Models = append(c.Models, m)
		}
	}
	return c, nil
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
	if len(c.Models) == 0 {
		return true
	}
	for _, m := range c.Models {
		if strings.Contains(strings.ToLower(name), strings.ToLower(m)) {
			return true
		}
	}
	return false
}
