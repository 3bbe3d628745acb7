package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestBenchJSON measures the real stories260K model and checks that every
// figure is there and positive, and that the second turn, which reuses the
// cached prefix, comes faster than the same tokens evaluated cold.
func TestBenchJSON(t *testing.T) {
	model := filepath.Join(testData(t), "models", "stories260K.gguf")
	code, stdout, stderr := run(t, "bench", "--model", model, "--threads", "1",
		"--prompt-tokens", "100", "--gen-tokens", "8", "--turn-tokens", "4", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	for _, k := range []string{"prefill_tok_s", "decode_tok_s", "ttft_ms", "ttft_turn2_ms", "ttft_turn2_cold_ms", "peak_rss_mb", "kv_bytes"} {
		if v, ok := r[k].(float64); !ok || v <= 0 {
			t.Errorf("%s = %v, want a positive number", k, r[k])
		}
	}
	for k, want := range map[string]float64{"threads": 1, "prompt_tokens": 100, "gen_tokens": 8, "turn_tokens": 4} {
		if r[k] != want {
			t.Errorf("%s = %v, want %v", k, r[k], want)
		}
	}
	if r["type"] != "F32" || r["kv_type"] != "f16" {
		t.Errorf("type = %v, kv_type = %v, want F32 and f16", r["type"], r["kv_type"])
	}
	// 4 new tokens against 112 (the model holds 128): reusing the prefix must show.
	if warm, cold := r["ttft_turn2_ms"].(float64), r["ttft_turn2_cold_ms"].(float64); warm >= cold {
		t.Errorf("second turn with the cached prefix took %.1f ms, cold %.1f ms", warm, cold)
	}
}

func TestBenchBadInput(t *testing.T) {
	model := filepath.Join(testData(t), "models", "stories260K.gguf")
	notGGUF := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notGGUF, []byte("just some text, not a model"), 0o600)
	tests := []struct {
		name string
		args []string
		code int
		part string
	}{
		{"missing file", []string{"bench", "--model", "/nonexistent/model.gguf"}, 1, "no such file"},
		{"not a gguf", []string{"bench", "--model", notGGUF}, 1, "not a GGUF"},
		{"no model flag", []string{"bench", "--json"}, 2, "--model"},
		{"zero prompt", []string{"bench", "--model", model, "--prompt-tokens", "0"}, 2, "--prompt-tokens must be at least 1"},
		{"negative gen", []string{"bench", "--model", model, "--gen-tokens", "-3"}, 2, "--gen-tokens must be at least 1"},
		{"negative threads", []string{"bench", "--model", model, "--threads", "-1"}, 2, "--threads must be at least 0"},
		{"not a number", []string{"bench", "--model", model, "--gen-tokens", "many"}, 2, "invalid argument"},
		{"longer than the context", []string{"bench", "--model", model, "--prompt-tokens", "100000"}, 1, "context holds"},
		{"unknown kv type", []string{"bench", "--model", model, "--kv", "q4_0"}, 2, "--kv must be f16 or q8_0"},
		{"q8_0 on 8-value heads", []string{"bench", "--model", model, "--kv", "q8_0", "--prompt-tokens", "4", "--gen-tokens", "1", "--turn-tokens", "1"}, 1, "multiple of 32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectFailure(t, tt.args, tt.code, tt.part)
		})
	}
}
