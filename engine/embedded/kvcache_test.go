package embedded_test

import (
	"context"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
)

// TestKVCacheOption generates with an F16 and a Q8_0 KV cache and checks
// the memory each reports: 2 bytes a value against 34 bytes a block of 32.
func TestKVCacheOption(t *testing.T) {
	// Heads of 32 values: the fewest a Q8_0 cache takes.
	path := genModel(t, t.TempDir(), "kv", func(s *modelgen.Spec) { s.Dim, s.Heads = 128, 4 })
	stats := map[model.CacheType]*engine.Stats{}
	for _, kv := range []model.CacheType{model.CacheF16, model.CacheQ8_0} {
		m, err := embedded.Open(path, embedded.Options{Threads: 2, ContextSize: 128, KVCache: kv})
		if err != nil {
			t.Fatal(err)
		}
		defer m.Close()
		req := engine.Request{Prompt: "Hello there", Raw: true, Options: engine.Options{MaxTokens: 8, Seed: 1}}
		for c, err := range m.Generate(context.Background(), req) {
			if err != nil {
				t.Fatal(err)
			}
			if c.Done {
				stats[kv] = c.Stats
			}
		}
	}
	f16, q8 := stats[model.CacheF16], stats[model.CacheQ8_0]
	// 2 layers, 2 KV heads of 32 values, keys and values: 256 values a position.
	if want := int64(128 * 256 * 2); f16.KVContextBytes != want {
		t.Errorf("F16 cache of 128 positions: %d bytes, want %d", f16.KVContextBytes, want)
	}
	if want := int64(128 * 256 / 32 * 34); q8.KVContextBytes != want {
		t.Errorf("Q8_0 cache of 128 positions: %d bytes, want %d", q8.KVContextBytes, want)
	}
	held := f16.PromptTokens + f16.GeneratedTokens
	if f16.KVBytes <= 0 || f16.KVBytes > int64(held*256*2) {
		t.Errorf("F16 cache holding at most %d tokens reports %d bytes", held, f16.KVBytes)
	}
}

// TestKVCacheFallsBack loads a model whose heads (16 values) Q8_0 blocks
// cannot cut with a Q8_0 cache asked for: it keeps the F16 cache.
func TestKVCacheFallsBack(t *testing.T) {
	path := genModel(t, t.TempDir(), "odd", nil) // 64 wide, 4 heads
	m, err := embedded.Open(path, embedded.Options{Threads: 1, ContextSize: 64, KVCache: model.CacheQ8_0})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	req := engine.Request{Prompt: "Hi", Raw: true, Options: engine.Options{MaxTokens: 2, Seed: 1}}
	for c, err := range m.Generate(context.Background(), req) {
		if err != nil {
			t.Fatal(err)
		}
		// 2 layers, 2 KV heads of 16 values, keys and values, binary16.
		if c.Done && c.Stats.KVContextBytes != 64*2*2*16*2*2 {
			t.Errorf("KV cache of %d bytes, want an F16 cache's %d", c.Stats.KVContextBytes, 64*2*2*16*2*2)
		}
	}
}
