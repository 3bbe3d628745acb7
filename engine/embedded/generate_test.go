package embedded_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/internal/llamaref"
	"github.com/hearth-app/hearth/engine/tokenizer"
)

// referenceText returns llama.cpp's greedy continuation of prompt with
// stories260K, as the text our streaming decoder makes of its tokens.
func referenceText(t *testing.T, m *embedded.Model, prompts []string, n int) []string {
	t.Helper()
	var jobs []llamaref.GenerateJob
	for _, p := range prompts {
		jobs = append(jobs, llamaref.GenerateJob{Model: storiesPath(), Text: p, Generate: n, Vocab: 512, ContextSize: 128})
	}
	var out []string
	for _, r := range llamaref.Generate(t, jobs) {
		var b strings.Builder
		dec := decoderOf(t, m)
		for _, tok := range r.Tokens {
			if tok == 2 { // EOS: generation would stop here
				break
			}
			b.WriteString(dec.Add(tok))
		}
		b.WriteString(dec.Flush())
		out = append(out, b.String())
	}
	return out
}

func decoderOf(t *testing.T, m *embedded.Model) *tokenizer.Decoder {
	t.Helper()
	f, err := ggufOpen(storiesPath())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	tok, err := tokenizer.New(f)
	if err != nil {
		t.Fatal(err)
	}
	return tok.NewDecoder()
}

// TestGenerateMatchesLlamaCpp streams greedy answers from stories260K and
// compares them with llama.cpp's greedy tokens, then cuts the same answers
// with stop strings that straddle token boundaries.
func TestGenerateMatchesLlamaCpp(t *testing.T) {
	m := openStories(t)
	prompts := []string{"Once upon a time", "The little dog"}
	want := referenceText(t, m, prompts, 100)
	for i, p := range prompts {
		t.Run(p, func(t *testing.T) {
			r := run(context.Background(), m, raw(p, engine.Options{MaxTokens: 100}))
			if r.err != nil {
				t.Fatal(r.err)
			}
			if r.text != want[i] {
				t.Fatalf("answer differs from llama.cpp's\n got %q\nwant %q", r.text, want[i])
			}
			if r.done != 1 || r.stats.StopReason != embedded.StopLength || r.stats.GeneratedTokens != 100 {
				t.Errorf("final chunk: %d done, stats %+v", r.done, r.stats)
			}
			if len(r.chunks) < 50 {
				t.Errorf("answer came in %d chunks, not streamed", len(r.chunks))
			}
			stopStrings(t, m, p, want[i], r.chunks)
		})
	}
}

// stopStrings checks that a stop string spanning two chunks (tokens) ends
// the answer right before it.
func stopStrings(t *testing.T, m *embedded.Model, prompt, full string, chunks []string) {
	at := 0
	for _, c := range chunks[:20] {
		at += len(c)
	}
	// The last two bytes of chunk 20 and the first two of chunk 21.
	stop := full[at-2 : at+2]
	cut := strings.Index(full, stop)
	r := run(context.Background(), m, raw(prompt, engine.Options{MaxTokens: 100, Stop: []string{"never appears", stop}}))
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.text != full[:cut] {
		t.Errorf("stop %q: got %q, want %q", stop, r.text, full[:cut])
	}
	if r.stats.StopReason != embedded.StopString {
		t.Errorf("stop reason %q", r.stats.StopReason)
	}
}

func TestContextLimits(t *testing.T) {
	m := openStories(t)
	long := strings.Repeat("Once upon a time there was a dog. ", 40)
	r := run(context.Background(), m, raw(long, engine.Options{}))
	if !errors.Is(r.err, engine.ErrContextFull) {
		t.Fatalf("prompt longer than the context: error %v, want ErrContextFull", r.err)
	}
	if !strings.Contains(r.err.Error(), "holds 128") {
		t.Errorf("error %q does not give the context size", r.err)
	}
	var full *embedded.ContextFullError
	if !errors.As(r.err, &full) || full.Prompt != len(m.Tokenize(long, true)) || full.Context != 128 || full.Trained != 128 {
		t.Errorf("error %#v: want the prompt's %d tokens, a context of 128 and stories260K's trained 128", full, len(m.Tokenize(long, true)))
	}
	prompt := "Once upon a time"
	p := len(m.Tokenize(prompt, true))
	r = run(context.Background(), m, raw(prompt, engine.Options{Temperature: 1, Seed: 3}))
	if r.err != nil {
		t.Fatal(r.err)
	}
	// The last token is sampled from the logits of position 128.
	if r.stats.StopReason != embedded.StopLength || r.stats.GeneratedTokens != 128-p+1 {
		t.Errorf("generation to the end of the context: %+v, want length after %d tokens", r.stats, 128-p+1)
	}
}

func TestCancel(t *testing.T) {
	m := openStories(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	chunks, last := 0, engine.Chunk{}
	var lastErr error
	for c, err := range m.Generate(ctx, raw("Once upon a time", engine.Options{})) {
		chunks++
		if chunks == 3 {
			cancel()
		}
		last, lastErr = c, err
	}
	if !errors.Is(lastErr, context.Canceled) {
		t.Fatalf("last error %v, want context.Canceled", lastErr)
	}
	if !last.Done || last.Stats.StopReason != embedded.StopCancelled {
		t.Errorf("last chunk %+v", last)
	}
	if chunks > 5 {
		t.Errorf("%d chunks after cancelling at the third", chunks)
	}
	pre, cancel2 := context.WithCancel(context.Background())
	cancel2()
	r := run(pre, m, raw("Once upon a time", engine.Options{}))
	if !errors.Is(r.err, context.Canceled) {
		t.Errorf("cancelled before the start: %v", r.err)
	}
}

// TestPrefixCache continues a generation with a longer prompt: the shared
// tokens come from the cache, and the answer is what a fresh model gives.
func TestPrefixCache(t *testing.T) {
	m := openStories(t)
	first := "Once upon a time"
	r := run(context.Background(), m, raw(first, engine.Options{MaxTokens: 20}))
	if r.err != nil || r.stats.CachedTokens != 0 {
		t.Fatalf("first request: %v %+v", r.err, r.stats)
	}
	second := first + r.text + " The end."
	again := run(context.Background(), m, raw(second, engine.Options{MaxTokens: 20}))
	shared := len(m.Tokenize(first, true))
	if again.stats.CachedTokens < shared {
		t.Errorf("cached %d tokens, want at least the %d of the first prompt", again.stats.CachedTokens, shared)
	}
	fresh := run(context.Background(), openStories(t), raw(second, engine.Options{MaxTokens: 20}))
	if again.text != fresh.text {
		t.Errorf("with the cache %q, fresh %q", again.text, fresh.text)
	}
	if fresh.stats.CachedTokens != 0 || fresh.stats.PromptTokens != again.stats.PromptTokens {
		t.Errorf("fresh stats %+v", fresh.stats)
	}
}

func TestSeed(t *testing.T) {
	m := openStories(t)
	opts := engine.Options{Temperature: 0.9, TopP: 0.95, Seed: 42, MaxTokens: 40}
	a := run(context.Background(), m, raw("The little dog", opts))
	b := run(context.Background(), m, raw("The little dog", opts))
	opts.Seed = 43
	c := run(context.Background(), m, raw("The little dog", opts))
	if a.text != b.text {
		t.Errorf("same seed, different answers:\n%q\n%q", a.text, b.text)
	}
	if a.text == c.text {
		t.Errorf("seeds 42 and 43 gave the same 40 tokens: %q", a.text)
	}
}
