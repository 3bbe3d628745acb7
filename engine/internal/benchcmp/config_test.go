package main

import (
	"runtime"
	"strings"
	"testing"
)

func TestConfigFromEnv(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		for _, k := range []string{"BENCH_DIR", "BENCH_THREADS", "BENCH_PROMPT", "BENCH_GEN", "BENCH_TURN", "BENCH_RUNS", "BENCH_MODELS"} {
			t.Setenv(k, "")
		}
		c, err := configFromEnv()
		if err != nil {
			t.Fatal(err)
		}
		want := config{Dir: ".cache/bench", Threads: runtime.NumCPU(), Prompt: 512, Gen: 128, Turn: 32, Runs: 3}
		if c.Dir != want.Dir || c.Threads != want.Threads || c.Prompt != want.Prompt || c.Gen != want.Gen ||
			c.Turn != want.Turn || c.Runs != want.Runs || len(c.Models) != 0 {
			t.Errorf("got %+v, want %+v", c, want)
		}
	})
	t.Run("set", func(t *testing.T) {
		t.Setenv("BENCH_GEN", " 16 ")
		t.Setenv("BENCH_MODELS", "qwen2, Q4_K_M,")
		c, err := configFromEnv()
		if err != nil {
			t.Fatal(err)
		}
		if c.Gen != 16 || strings.Join(c.Models, "|") != "qwen2|Q4_K_M" {
			t.Errorf("got %+v", c)
		}
		for name, want := range map[string]bool{"qwen2-0.5B-Q8_0": true, "llama-1.1B-Q4_K_M": true, "llama-1.1B-Q4_0": false} {
			if c.wants(name) != want {
				t.Errorf("wants(%q) = %v", name, !want)
			}
		}
	})
	t.Run("long prompt", func(t *testing.T) {
		for k, v := range map[string]string{"BENCH_LONG": "", "BENCH_LONG_MODELS": "", "BENCH_LONG_ONLY": "", "BENCH_MODELS": ""} {
			t.Setenv(k, v)
		}
		c, err := configFromEnv()
		if err != nil {
			t.Fatal(err)
		}
		if c.Long != 4096 || c.LongOnly || !c.wantsLong("qwen2-0.5B-Q8_0") || c.wantsLong("qwen2-0.5B-Q4_0") || !c.wants("qwen2-0.5B-Q4_0") {
			t.Errorf("defaults: %+v", c)
		}
		t.Setenv("BENCH_LONG_ONLY", "1")
		t.Setenv("BENCH_LONG_MODELS", "llama-1.1B-Q4_0")
		if c, err = configFromEnv(); err != nil {
			t.Fatal(err)
		}
		if c.wants("llama-1.1B-Q4_0") || !c.wantsLong("llama-1.1B-Q4_0") || c.wantsLong("qwen2-0.5B-Q8_0") {
			t.Errorf("long only: %+v", c)
		}
		t.Setenv("BENCH_LONG", "0")
		if c, err = configFromEnv(); err != nil || c.wantsLong("llama-1.1B-Q4_0") {
			t.Errorf("BENCH_LONG=0 still measures a long prompt (%v)", err)
		}
	})
	for _, tt := range []struct{ key, val, part string }{
		{"BENCH_LONG", "-1", "at least 0"},
		{"BENCH_PROMPT", "lots", "whole number"},
		{"BENCH_RUNS", "0", "at least 1"},
		{"BENCH_THREADS", "-2", "at least 1"},
	} {
		t.Run(tt.key+"="+tt.val, func(t *testing.T) {
			t.Setenv(tt.key, tt.val)
			if _, err := configFromEnv(); err == nil || !strings.Contains(err.Error(), tt.part) || !strings.Contains(err.Error(), tt.key) {
				t.Errorf("error %v, want one naming %s and saying %q", err, tt.key, tt.part)
			}
		})
	}
}
