package model_test

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hearth-app/hearth/engine/kernel"
	"github.com/hearth-app/hearth/engine/model"
	"github.com/hearth-app/hearth/engine/modelgen"
	"github.com/hearth-app/hearth/engine/quant"
)

// kvModel generates a qwen2 model (Q/K/V biases, grouped-query attention,
// head size 64) with a context long enough for a few hundred positions.
func kvModel(t *testing.T, typ quant.Type) (*model.Model, string) {
	t.Helper()
	vocab, pre, _ := vocabFor("qwen2")
	path := filepath.Join(t.TempDir(), "kv.gguf")
	spec := modelgen.Spec{Arch: "qwen2", Dim: 256, Layers: 2, Heads: 4, KVHeads: 2, FFN: 512, Context: 512,
		Type: typ, Seed: 11, Vocab: vocab, Pre: pre}
	if err := modelgen.Write(path, spec); err != nil {
		t.Fatal(err)
	}
	m, err := model.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m, path
}

// kvLogits evaluates tokens in a fresh session with a cache of type kv
// (passing stored blocks through tamper when it is set) and returns the
// logits at every position.
func kvLogits(t *testing.T, m *model.Model, kv model.CacheType, tokens []int32, tamper func([]byte)) []float32 {
	t.Helper()
	pool := kernel.NewPool(2)
	defer pool.Close()
	s, err := m.NewSessionKV(0, kv, pool)
	if err != nil {
		t.Fatal(err)
	}
	if tamper != nil {
		s.TamperQ8Cache(tamper)
	}
	out, err := s.Forward(tokens, true)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Clone(out)
}

// logitGap is the largest difference between two runs' logits at any
// position, and how many positions' top tokens differ where the first run's
// top two are further apart than margin.
func logitGap(a, b []float32, vocab int, margin float32) (worst float32, flips int) {
	for p := 0; p < len(a)/vocab; p++ {
		ra, rb := a[p*vocab:(p+1)*vocab], b[p*vocab:(p+1)*vocab]
		for i := range ra {
			worst = max(worst, float32(math.Abs(float64(ra[i]-rb[i]))))
		}
		top, second := topTwo(ra)
		if ra[top]-ra[second] > margin && argmax(rb) != top {
			flips++
		}
	}
	return worst, flips
}

func topTwo(x []float32) (int, int) {
	a, b := 0, 1
	if x[b] > x[a] {
		a, b = b, a
	}
	for i := 2; i < len(x); i++ {
		switch {
		case x[i] > x[a]:
			a, b = i, a
		case x[i] > x[b]:
			b = i
		}
	}
	return a, b
}

func argmax(x []float32) int {
	best := 0
	for i, v := range x {
		if v > x[best] {
			best = i
		}
	}
	return best
}

// scaleUp multiplies the scale of every Q8_0 block in b by f: a cache that
// stores wrong scales.
func scaleUp(f float32) func(b []byte) {
	return func(b []byte) {
		for i := 0; i < len(b); i += 34 {
			h := kernel.ToF16(kernel.FromF16(uint16(b[i])|uint16(b[i+1])<<8) * f)
			b[i], b[i+1] = byte(h), byte(h>>8)
		}
	}
}

// TestQ8CacheMatchesF16 checks a Q8_0 KV cache against the F16 cache on the
// same model over 384 positions (teacher-forced: every position's logits)
// and over 48 greedy steps after them.
//
// The bounds come from measurement and from the formats: a Q8_0 block keeps
// each value to within amax/254 of its block (0.4%), binary16 to 2^-11
// (0.05%), so the Q8_0 cache adds about eight times F16's rounding to the
// keys and values. Measured on these models: max |Δlogit| 0.079 with F16
// weights and 0.20 with Q8_0 weights (whose 8-bit activations turn small
// differences into whole rounding steps), logits spanning ±13. The bounds
// are about twice that. A cache whose block scales are 10% off moves the
// logits by 1.26 and 1.31, and fails (checked below).
func TestQ8CacheMatchesF16(t *testing.T) {
	cases := []struct {
		weights quant.Type
		bound   float32
	}{{quant.F16, 0.15}, {quant.Q8_0, 0.4}}
	for _, c := range cases {
		t.Run(c.weights.String(), func(t *testing.T) {
			m, _ := kvModel(t, c.weights)
			tokens := seq(384, 5)
			f16 := kvLogits(t, m, model.CacheF16, tokens, nil)
			q8 := kvLogits(t, m, model.CacheQ8_0, tokens, nil)
			if err := closeLogits(f16, q8, m.Vocab(), c.bound); err != "" {
				t.Errorf("Q8_0 cache against F16: %s", err)
			}
			t.Logf("max |Δlogit| %.4g", lastGap)
			bad := kvLogits(t, m, model.CacheQ8_0, tokens, scaleUp(1.1))
			if closeLogits(f16, bad, m.Vocab(), c.bound) == "" {
				t.Errorf("a Q8_0 cache with scales 10%% off passes the bound %g: the test cannot fail", c.bound)
			}
			t.Logf("scales 10%% off: max |Δlogit| %.4g", lastGap)
			greedyAgree(t, m, tokens[:320], 48, 2*c.bound)
		})
	}
}

// lastGap is closeLogits' last max |Δlogit|, for the test's log.
var lastGap float32

// closeLogits says how a and b differ by more than bound, or where a top
// token clearly ahead (by twice the bound) in a is not b's; "" when they
// agree.
func closeLogits(a, b []float32, vocab int, bound float32) string {
	worst, flips := logitGap(a, b, vocab, 2*bound)
	lastGap = worst
	switch {
	case worst > bound:
		return fmt.Sprintf("max |Δlogit| %.4g exceeds %g", worst, bound)
	case flips > 0:
		return fmt.Sprintf("%d positions pick another top token", flips)
	}
	return ""
}

// greedyAgree decodes steps greedy tokens after prompt with both caches,
// feeding both the F16 cache's choice (so that one near-tie does not derail
// the rest), and checks that the Q8_0 cache picks the same token at every
// step where the F16 cache's top two logits are further apart than margin
// (twice the logits' bound, so that no flip is allowed there), which must
// be at least a quarter of them (random weights give flat distributions:
// 28 of 48 steps are clear with F16 weights, 13 with Q8_0 weights).
func greedyAgree(t *testing.T, m *model.Model, prompt []int32, steps int, margin float32) {
	t.Helper()
	pool := kernel.NewPool(2)
	defer pool.Close()
	var ss [2]*model.Session
	for i, kv := range []model.CacheType{model.CacheF16, model.CacheQ8_0} {
		s, err := m.NewSessionKV(0, kv, pool)
		if err != nil {
			t.Fatal(err)
		}
		ss[i] = s
	}
	next, checked := prompt, 0
	for step := range steps {
		var logits [2][]float32
		for i, s := range ss {
			l, err := s.Forward(next, false)
			if err != nil {
				t.Fatal(err)
			}
			logits[i] = l
		}
		top, second := topTwo(logits[0])
		if gap := logits[0][top] - logits[0][second]; gap >= margin {
			checked++
			if got := argmax(logits[1]); got != top {
				t.Errorf("step %d: the Q8_0 cache picks token %d, the F16 cache %d (ahead by %.3g)", step, got, top, gap)
			}
		}
		next = []int32{int32(top)}
	}
	if checked < steps/4 {
		t.Errorf("only %d of %d greedy steps were clear of near-ties", checked, steps)
	}
	t.Logf("%d of %d greedy steps compared, the others near-ties", checked, steps)
}

// TestNewSessionKV checks the cache types a session accepts and the bytes
// it reports.
func TestNewSessionKV(t *testing.T) {
	m := tinyModel(t, quant.F16) // head size 64
	if _, err := m.NewSessionKV(0, model.CacheType(7), nil); err == nil {
		t.Error("an unknown cache type was accepted")
	}
	s, err := m.NewSessionKV(0, model.CacheQ8_0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.KVBytes(100), int64(2*2*100*2*64/32*34); got != want {
		t.Errorf("KVBytes(100) = %d, want %d", got, want)
	}
	f16, err := m.NewSessionKV(0, model.CacheF16, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f16.KVBytes(100), int64(2*2*100*2*64*2); got != want {
		t.Errorf("F16 KVBytes(100) = %d, want %d", got, want)
	}
	// The metadata alone tells the same bytes, before any session exists.
	for _, c := range []struct {
		s  *model.Session
		kv model.CacheType
	}{{s, model.CacheQ8_0}, {f16, model.CacheF16}} {
		if !m.Config.SupportsCache(c.kv) {
			t.Errorf("SupportsCache(%s) = false for heads of 64", c.kv)
		}
		if got, want := m.Config.KVBytes(c.kv, 100), c.s.KVBytes(100); got != want {
			t.Errorf("Config.KVBytes(%s, 100) = %d, the session's %d", c.kv, got, want)
		}
	}
}

// TestQ8CacheRefusesOddHeads checks that a head size Q8_0 blocks do not
// divide (48) is refused.
func TestQ8CacheRefusesOddHeads(t *testing.T) {
	vocab, pre, _ := vocabFor("qwen2")
	path := filepath.Join(t.TempDir(), "odd.gguf")
	spec := modelgen.Spec{Arch: "qwen2", Dim: 192, Layers: 1, Heads: 4, KVHeads: 2, FFN: 256, Context: 64,
		Type: quant.F32, Seed: 3, Vocab: vocab, Pre: pre}
	if err := modelgen.Write(path, spec); err != nil {
		t.Fatal(err)
	}
	m, err := model.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := m.NewSessionKV(0, model.CacheQ8_0, nil); err == nil {
		t.Error("a Q8_0 cache was accepted for heads of 48 values")
	}
	if m.Config.SupportsCache(model.CacheQ8_0) || !m.Config.SupportsCache(model.CacheF16) {
		t.Error("SupportsCache: Q8_0 must be refused and F16 taken for heads of 48 values")
	}
}

// TestForwardAllKeepsEveryBatch checks that logits for every token come
// back when the prompt takes more than one batch (256 tokens), and that the
// last row is the last token's logits.
func TestForwardAllKeepsEveryBatch(t *testing.T) {
	m, _ := kvModel(t, quant.F16)
	tokens := seq(300, 9)
	all := kvLogits(t, m, model.CacheF16, tokens, nil)
	if len(all) != len(tokens)*m.Vocab() {
		t.Fatalf("%d logits for %d tokens of %d", len(all), len(tokens), m.Vocab())
	}
	s := m.NewSession(0, nil)
	last, err := s.Forward(tokens, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := all[len(all)-m.Vocab():]; !slices.Equal(got, last) {
		t.Error("the last row of all the logits is not the last token's logits")
	}
}
