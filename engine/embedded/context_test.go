package embedded_test

import (
	"context"
	"errors"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
)

// TestContextFor checks what ContextFor tells from the metadata against
// what a loaded model reports when it generates with the same options.
func TestContextFor(t *testing.T) {
	dir := t.TempDir()
	// Heads of 32 values take a Q8_0 cache; genModel's usual 16 do not.
	wide := genModel(t, dir, "wide", func(s *modelgen.Spec) { s.Dim, s.Heads = 128, 4 })
	narrow := genModel(t, dir, "narrow", nil)
	cases := []struct {
		name     string
		path     string
		opts     embedded.Options
		size     int
		kv       model.CacheType
		clamped  bool
		clampFor int
	}{
		{"automatic", wide, embedded.Options{}, 256, model.CacheF16, false, 0},
		{"smaller", wide, embedded.Options{ContextSize: 128}, 128, model.CacheF16, false, 128},
		{"beyond the trained context", wide, embedded.Options{ContextSize: 1000}, 256, model.CacheF16, true, 1000},
		{"q8_0", wide, embedded.Options{ContextSize: 200, KVCache: model.CacheQ8_0}, 200, model.CacheQ8_0, false, 200},
		{"q8_0 on heads of 16", narrow, embedded.Options{KVCache: model.CacheQ8_0}, 256, model.CacheF16, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, err := embedded.ContextFor(c.path, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if info.Trained != 256 || info.Size != c.size || info.KVCache != c.kv || info.Clamped(c.clampFor) != c.clamped {
				t.Fatalf("ContextFor = %+v (clamped %v), want trained 256, size %d, %s, clamped %v",
					info, info.Clamped(c.clampFor), c.size, c.kv, c.clamped)
			}
			c.opts.Threads = 1
			m, err := embedded.Open(c.path, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			r := run(context.Background(), m, engine.Request{Prompt: "Hi", Raw: true, Options: engine.Options{MaxTokens: 2, Seed: 1}})
			if r.err != nil {
				t.Fatal(r.err)
			}
			if m.Info().ContextLength != info.Size || r.stats.KVContextBytes != info.KVBytes {
				t.Errorf("loaded: context %d, KV cache %d bytes; ContextFor said %d and %d",
					m.Info().ContextLength, r.stats.KVContextBytes, info.Size, info.KVBytes)
			}
		})
	}
}

// TestContextForRefusesEmbeddingModels checks that an embedding model,
// which has no KV cache, is refused rather than described.
func TestContextForRefusesEmbeddingModels(t *testing.T) {
	path := genModel(t, t.TempDir(), "bert", func(s *modelgen.Spec) { s.Arch = "bert" })
	if _, err := embedded.ContextFor(path, embedded.Options{}); !errors.Is(err, engine.ErrUnsupported) {
		t.Fatalf("ContextFor(bert) = %v, want engine.ErrUnsupported", err)
	}
}

// TestSetOptionsReloads changes a backend's options while an answer
// streams: that answer ends as it would have, and the next request runs
// on the model loaded again with the new context and cache.
func TestSetOptionsReloads(t *testing.T) {
	dir := t.TempDir()
	genModel(t, dir, "wide", func(s *modelgen.Spec) { s.Dim, s.Heads = 128, 4 })
	b := embedded.NewBackend(embedded.Dir(dir), embedded.Options{Threads: 1, ContextSize: 128})
	defer b.Close()
	req := engine.Request{Model: "wide", Prompt: "Once upon a time", Raw: true,
		Options: engine.Options{MaxTokens: 24, Seed: 1, Temperature: 0}}
	alone := run(context.Background(), b, req)
	if alone.err != nil {
		t.Fatal(alone.err)
	}

	next := make(chan result, 1)
	var first result
	var text []byte
	for c, err := range b.Generate(context.Background(), req) {
		if err != nil {
			first.err = err
		}
		if len(text) == 0 && c.Text != "" {
			// Mid-answer: the setting changes and another request comes.
			b.SetOptions(embedded.Options{Threads: 1, ContextSize: 200, KVCache: model.CacheQ8_0})
			go func() { next <- run(context.Background(), b, req) }()
		}
		text = append(text, c.Text...)
		if c.Done {
			first.stats = c.Stats
		}
	}
	if first.err != nil || string(text) != alone.text || first.stats.KVContextBytes != alone.stats.KVContextBytes {
		t.Fatalf("the answer in flight changed: %q (err %v, %d KV bytes), want %q (%d)",
			text, first.err, first.stats.KVContextBytes, alone.text, alone.stats.KVContextBytes)
	}
	second := <-next
	if second.err != nil {
		t.Fatal(second.err)
	}
	// 2 layers, 2 KV heads of 32 values, keys and values: 256 values a position.
	if want := int64(200 * 256 / 32 * 34); second.stats.KVContextBytes != want {
		t.Errorf("after SetOptions: KV cache of %d bytes, want a Q8_0 cache of 200 positions, %d", second.stats.KVContextBytes, want)
	}
	if second.text != alone.text {
		t.Logf("greedy answer with the Q8_0 cache: %q (F16: %q)", second.text, alone.text)
	}
}
