package embedded

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/sample"
	"github.com/hearth-app/hearth/engine/tokenizer"
)

// Stop reasons reported in engine.Stats.
const (
	StopEOS       = "eos"
	StopString    = "stop"
	StopLength    = "length"
	StopCancelled = "cancelled"
)

// prefillBatch is how many prompt tokens are evaluated between checks for
// cancellation.
const prefillBatch = 256

// Generate streams the model's answer to req. The last chunk has Done set
// and carries Stats; after a cancellation it comes with ctx.Err(). Errors
// before generation starts (a prompt too long for the context wraps
// engine.ErrContextFull) are yielded alone.
func (m *Model) Generate(ctx context.Context, req engine.Request) iter.Seq2[engine.Chunk, error] {
	return func(yield func(engine.Chunk, error) bool) {
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.closed {
			yield(engine.Chunk{}, fmt.Errorf("generate: %w", ErrClosed))
			return
		}
		g, err := m.start(ctx, req)
		if err != nil {
			yield(engine.Chunk{}, err)
			return
		}
		g.run(yield)
	}
}

// generation is one request being answered.
type generation struct {
	m       *Model
	ctx     context.Context
	opts    engine.Options
	sampler *sample.Sampler
	history []int32 // prompt and generated tokens, for the repetition penalty
	logits  []float32
	dec     *tokenizer.Decoder
	stop    *stopper
	calls   *callStream // nil when no tools are offered
	stats   engine.Stats
	began   time.Time
}

// start tokenizes the prompt and evaluates what the cache does not hold.
func (m *Model) start(ctx context.Context, req engine.Request) (*generation, error) {
	if m.net == nil {
		return nil, fmt.Errorf("generate: %s is an embedding model and cannot generate text: %w", m.info.Name, engine.ErrUnsupported)
	}
	began := time.Now()
	prompt, err := m.promptTokens(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	if n, c := len(prompt), m.sess.ContextLength(); n >= c {
		return nil, fmt.Errorf("generate: %w", &ContextFullError{Prompt: n, Context: c, Trained: m.trainedContext()})
	}
	calls, err := m.newCallStream(req)
	if err != nil {
		return nil, err
	}
	m.usePool(req.Options.Threads)
	g := &generation{calls: calls, m: m, ctx: ctx, opts: req.Options, began: began,
		sampler: sample.New(samplerParams(req.Options)),
		history: append([]int32(nil), prompt...),
		dec:     m.tok.NewDecoder(), stop: newStopper(req.Options.Stop)}
	g.stats.PromptTokens = len(prompt)
	if err := g.prefill(prompt); err != nil {
		return nil, err
	}
	g.stats.PromptDuration = time.Since(began)
	return g, nil
}

// usePool switches to a pool of the requested size.
func (m *Model) usePool(threads int) {
	if threads <= 0 {
		threads = m.opts.Threads
	}
	if threads <= 0 || threads == m.pool.Threads() {
		return
	}
	m.pool.Close()
	m.pool = kernel.NewPool(threads)
	if m.sess != nil {
		m.sess.SetPool(m.pool)
	}
}

// prefill keeps the cached prefix the prompt shares and evaluates the rest.
func (g *generation) prefill(prompt []int32) error {
	s := g.m.sess
	n := commonPrefix(s.Tokens(), prompt)
	if n == len(prompt) {
		n-- // the last prompt token must be evaluated again for its logits
	}
	s.Truncate(n)
	g.stats.CachedTokens = n
	for start := n; start < len(prompt); start += prefillBatch {
		if err := g.ctx.Err(); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		logits, err := s.Forward(prompt[start:min(start+prefillBatch, len(prompt))], false)
		if err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		g.logits = logits
	}
	return nil
}

func commonPrefix(a, b []int32) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// samplerParams maps request options to the sampler; seed 0 is random.
func samplerParams(o engine.Options) sample.Params {
	seed := uint64(o.Seed)
	if o.Seed == 0 {
		seed = rand.Uint64()
	}
	return sample.Params{Temperature: o.Temperature, TopK: o.TopK, TopP: o.TopP, MinP: o.MinP,
		RepeatPenalty: o.RepeatPenalty, RepeatLastN: o.RepeatLastN, Seed: seed}
}

// run samples and streams tokens until a stop condition.
func (g *generation) run(yield func(engine.Chunk, error) bool) {
	genStart := time.Now()
	finish := func(reason string, err error) {
		g.stats.StopReason = reason
		g.stats.GenerateDuration = time.Since(genStart)
		s := g.m.sess
		g.stats.KVBytes, g.stats.KVContextBytes = s.KVBytes(len(s.Tokens())), s.KVBytes(s.ContextLength())
		stats := g.stats
		last, callErr := g.calls.finish()
		last.Done, last.Stats = true, &stats
		if err == nil {
			err = callErr
		}
		yield(last, err)
	}
	for {
		if err := g.ctx.Err(); err != nil {
			g.emit(yield, g.drain())
			finish(StopCancelled, err)
			return
		}
		reason, text, err := g.step()
		if err != nil {
			yield(engine.Chunk{}, err)
			return
		}
		if !g.emit(yield, text) {
			return
		}
		if reason != "" {
			finish(reason, nil)
			return
		}
	}
}

// emit yields text when there is some, less any tool calls, which come as
// ToolCalls; it reports whether to go on.
func (g *generation) emit(yield func(engine.Chunk, error) bool, text string) bool {
	if text == "" {
		return true
	}
	c, err := g.calls.feed(text)
	if err != nil {
		yield(c, err)
		return false
	}
	if c.Text == "" && len(c.ToolCalls) == 0 {
		return true
	}
	return yield(c, nil)
}

// step samples one token and evaluates it. It returns the text to show and,
// when generation ends, the reason.
func (g *generation) step() (reason, text string, err error) {
	tok := g.sampler.Sample(g.constrain(), g.history)
	g.accepted(tok)
	if g.m.tok.IsEOG(tok) {
		return StopEOS, g.drain(), nil
	}
	g.history = append(g.history, tok)
	g.stats.GeneratedTokens++
	text, hit := g.stop.feed(g.dec.Add(tok) + g.calls.markerText(tok))
	switch {
	case hit:
		return StopString, text, nil
	case g.opts.MaxTokens > 0 && g.stats.GeneratedTokens >= g.opts.MaxTokens,
		len(g.m.sess.Tokens()) >= g.m.sess.ContextLength():
		return StopLength, text + g.drain(), nil
	}
	if g.logits, err = g.m.sess.Forward([]int32{tok}, false); err != nil {
		return "", "", fmt.Errorf("generate: %w", err)
	}
	return "", text, nil
}

// drain returns the text held back by the decoder and the stop matcher when
// generation ends (up to a stop string, should one complete).
func (g *generation) drain() string {
	out, hit := g.stop.feed(g.dec.Flush())
	if hit {
		return out
	}
	return out + g.stop.flush()
}
