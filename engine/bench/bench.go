// Package bench measures the embedded engine on a GGUF model, as
// `hearth bench` reports it: prefill and greedy decode speed on
// deterministic token ids (the ones llamaref's bench script evaluates, so
// the numbers compare with llama.cpp's), time to first token, and time to
// first token on a second turn with the cached prefix reused and cold.
package bench

import (
	"fmt"
	"time"

	"github.com/hearth-app/hearth/engine/gguf"
	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/sample"
)

// Plan is what Run measures: a prompt of Prompt tokens, Gen greedy tokens
// after it, then a second turn of Turn tokens appended to the whole
// exchange (none when Turn is 0), computed with Threads threads (0: one per CPU) and a KV cache
// of type KV.
type Plan struct {
	Threads int
	Prompt  int
	Gen     int
	Turn    int
	KV      model.CacheType
}

// Result is what one Run measured.
type Result struct {
	Model        string  `json:"model"`
	Type         string  `json:"type"`
	Threads      int     `json:"threads"`
	PromptTokens int     `json:"prompt_tokens"`
	GenTokens    int     `json:"gen_tokens"`
	TurnTokens   int     `json:"turn_tokens"`
	LoadMS       float64 `json:"load_ms"`
	PrefillTokS  float64 `json:"prefill_tok_s"`
	DecodeTokS   float64 `json:"decode_tok_s"`
	TTFTMS       float64 `json:"ttft_ms"`
	Turn2MS      float64 `json:"ttft_turn2_ms"`      // second turn, reusing the cached prefix
	Turn2ColdMS  float64 `json:"ttft_turn2_cold_ms"` // the same tokens in a fresh session
	PeakRSSMB    float64 `json:"peak_rss_mb"`        // 0 where the OS does not say
	KVType       string  `json:"kv_type"`            // "f16" or "q8_0"
	KVBytes      int64   `json:"kv_bytes"`           // the KV cache of the whole exchange
}

// Run loads the model at path and measures it as plan says.
func Run(path string, plan Plan) (Result, error) {
	start := time.Now()
	f, err := gguf.Open(path)
	if err != nil {
		return Result{}, err
	}
	defer f.Close()
	m, err := model.Load(f)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", path, err)
	}
	r := Result{Model: path, Type: m.Quantization(), Threads: plan.Threads,
		PromptTokens: plan.Prompt, GenTokens: plan.Gen, TurnTokens: plan.Turn,
		LoadMS: ms(time.Since(start)), KVType: plan.KV.String()}
	need := plan.Prompt + plan.Gen + plan.Turn
	if c := m.Config.ContextLength; need > c {
		return r, fmt.Errorf("%d prompt, %d generated and %d second-turn tokens need %d positions, the model's context holds %d",
			plan.Prompt, plan.Gen, plan.Turn, need, c)
	}
	pool := kernel.NewPool(plan.Threads)
	defer pool.Close()
	r.Threads = pool.Threads()
	if err := measure(m, pool, tokenIDs(f, m.Vocab(), plan.Prompt, 0), plan, &r); err != nil {
		return r, fmt.Errorf("bench %s: %w", path, err)
	}
	r.PeakRSSMB = float64(peakRSS()) / (1 << 20)
	return r, nil
}

// measure times the prefill, the decode and both second turns.
func measure(m *model.Model, pool *kernel.Pool, prompt []int32, plan Plan, r *Result) error {
	need := len(prompt) + plan.Gen + plan.Turn
	s, err := m.NewSessionKV(need, plan.KV, pool)
	if err != nil {
		return err
	}
	r.KVBytes = s.KVBytes(need)
	start := time.Now()
	logits, err := s.Forward(prompt, false)
	if err != nil {
		return err
	}
	prefill := time.Since(start)
	tok := sample.Greedy(logits)
	r.TTFTMS = ms(time.Since(start))
	r.PrefillTokS = float64(len(prompt)) / prefill.Seconds()

	start = time.Now()
	answer := make([]int32, 0, plan.Gen)
	for range plan.Gen {
		answer = append(answer, tok)
		if logits, err = s.Forward([]int32{tok}, false); err != nil {
			return err
		}
		tok = sample.Greedy(logits)
	}
	r.DecodeTokS = float64(plan.Gen) / time.Since(start).Seconds()
	if plan.Turn == 0 {
		return nil
	}

	turn := tokenIDs(nil, m.Vocab(), plan.Turn, 1)
	full := append(append(append([]int32(nil), prompt...), answer...), turn...)
	if r.Turn2MS, err = timeFirstToken(s, full); err != nil {
		return err
	}
	cold, err := m.NewSessionKV(len(full), plan.KV, pool)
	if err != nil {
		return err
	}
	r.Turn2ColdMS, err = timeFirstToken(cold, full)
	return err
}

// timeFirstToken evaluates what s does not already hold of tokens, keeping
// the prefix they share as a continued chat does, and returns the
// milliseconds until the next token is chosen.
func timeFirstToken(s *model.Session, tokens []int32) (float64, error) {
	start := time.Now()
	n := sharedPrefix(s.Tokens(), tokens)
	if n == len(tokens) {
		n-- // the last token must be evaluated again for its logits
	}
	s.Truncate(n)
	logits, err := s.Forward(tokens[n:], false)
	if err != nil {
		return 0, err
	}
	sample.Greedy(logits)
	return ms(time.Since(start)), nil
}

// sharedPrefix returns how many leading tokens a and b have in common.
func sharedPrefix(a, b []int32) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// tokenIDs returns n deterministic token ids spread over the vocabulary,
// the ones llamaref's bench script evaluates: the model's BOS token (when f
// names one) and then 3 + (i·7919 mod (vocab-3)). salt shifts the sequence,
// so that a second turn differs from the first.
func tokenIDs(f *gguf.File, vocab, n, salt int) []int32 {
	toks := make([]int32, n)
	for i := range toks {
		toks[i] = int32(3 + ((i+salt*4099)*7919)%max(vocab-3, 1))
	}
	if f != nil && n > 0 {
		if bos, ok := f.Uint("tokenizer.ggml.bos_token_id"); ok && int(bos) < vocab {
			toks[0] = int32(bos)
		}
	}
	return toks
}

// ms converts d to milliseconds.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
