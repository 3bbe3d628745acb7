package bench_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine/bench"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/model"
)

func stories(t *testing.T) string {
	t.Helper()
	p := filepath.Join(llamaref.TestData(), "models", "stories260K.gguf")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared test model not found: %v", err)
	}
	return p
}

// TestRun measures the real stories260K model and checks the plan comes
// back with every figure positive.
func TestRun(t *testing.T) {
	r, err := bench.Run(stories(t), bench.Plan{Threads: 1, Prompt: 20, Gen: 4, Turn: 2})
	if err != nil {
		t.Fatal(err)
	}
	if r.Threads != 1 || r.PromptTokens != 20 || r.GenTokens != 4 || r.TurnTokens != 2 || r.Type != "F32" ||
		r.KVType != "f16" || r.KVBytes <= 0 {
		t.Fatalf("result = %+v", r)
	}
	for name, v := range map[string]float64{"prefill": r.PrefillTokS, "decode": r.DecodeTokS, "ttft": r.TTFTMS,
		"turn 2": r.Turn2MS, "turn 2 cold": r.Turn2ColdMS} {
		if v <= 0 {
			t.Errorf("%s = %v, want > 0", name, v)
		}
	}
}

func TestRunErrors(t *testing.T) {
	notGGUF := filepath.Join(t.TempDir(), "x.gguf")
	if err := os.WriteFile(notGGUF, []byte("not a model"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		plan       bench.Plan
		want       string
	}{
		{"not a gguf", notGGUF, bench.Plan{Prompt: 1, Gen: 1, Turn: 1}, "GGUF"},
		{"longer than the context", stories(t), bench.Plan{Threads: 1, Prompt: 100000, Gen: 1, Turn: 1}, "context holds"},
		{"heads too small for q8_0", stories(t), bench.Plan{Threads: 1, Prompt: 4, Gen: 1, Turn: 1, KV: model.CacheQ8_0}, "multiple of 32"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bench.Run(tc.path, tc.plan)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one naming %q", err, tc.want)
			}
		})
	}
}
