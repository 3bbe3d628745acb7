package sample_test

import (
	"math"
	"testing"

	"github.com/hearth-app/hearth/engine/sample"
)

// logitsOf returns logits whose softmax is probs.
func logitsOf(probs ...float64) []float32 {
	l := make([]float32, len(probs))
	for i, p := range probs {
		l[i] = float32(math.Log(p))
	}
	return l
}

// frequencies draws n tokens and returns how often each id came up.
func frequencies(t *testing.T, p sample.Params, logits []float32, history []int32, n int) []float64 {
	t.Helper()
	s := sample.New(p)
	f := make([]float64, len(logits))
	for range n {
		f[s.Sample(logits, history)]++
	}
	for i := range f {
		f[i] /= float64(n)
	}
	return f
}

func TestGreedy(t *testing.T) {
	tests := []struct {
		name   string
		logits []float32
		want   int32
	}{
		{"max in the middle", []float32{1, 5, 2}, 1},
		{"tie goes to the lowest id", []float32{3, 7, 7, 1, 7}, 1},
		{"all equal", []float32{0, 0, 0}, 0},
		{"negative", []float32{-5, -1, -3}, 1},
		{"masked entries", []float32{float32(math.Inf(-1)), -100, float32(math.Inf(-1))}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sample.Greedy(tt.logits); got != tt.want {
				t.Errorf("Greedy = %d, want %d", got, tt.want)
			}
			if got := sample.New(sample.Params{}).Sample(tt.logits, nil); got != tt.want {
				t.Errorf("zero Params Sample = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestDistribution(t *testing.T) {
	const n = 200000
	base := logitsOf(0.5, 0.3, 0.15, 0.05)
	tests := []struct {
		name string
		p    sample.Params
		want []float64
	}{
		{"temperature 1 follows softmax", sample.Params{Temperature: 1, Seed: 1}, []float64{0.5, 0.3, 0.15, 0.05}},
		// At temperature T the probabilities become p^(1/T), renormalized.
		{"temperature 0.5 sharpens", sample.Params{Temperature: 0.5, Seed: 2}, pow(0.5, 0.3, 0.15, 0.05)},
		{"top-k 2", sample.Params{Temperature: 1, TopK: 2, Seed: 3}, []float64{0.625, 0.375, 0, 0}},
		// 0.5+0.3 reaches 0.7: the first two remain.
		{"top-p 0.7", sample.Params{Temperature: 1, TopP: 0.7, Seed: 4}, []float64{0.625, 0.375, 0, 0}},
		{"top-p 0.9", sample.Params{Temperature: 1, TopP: 0.9, Seed: 5}, []float64{0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0}},
		// min-p 0.25: tokens below 0.125 are dropped.
		{"min-p 0.25", sample.Params{Temperature: 1, MinP: 0.25, Seed: 6}, []float64{0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0}},
		{"top-k 1 is greedy", sample.Params{Temperature: 5, TopK: 1, Seed: 7}, []float64{1, 0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := frequencies(t, tt.p, base, nil, n)
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 0.005 {
					t.Errorf("token %d drawn %.4f of the time, want %.4f (all: %v)", i, got[i], tt.want[i], got)
				}
			}
		})
	}
}

// pow returns probs raised to 1/0.5 = 2 and renormalized.
func pow(probs ...float64) []float64 {
	var sum float64
	out := make([]float64, len(probs))
	for i, p := range probs {
		out[i] = p * p
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

func TestRepeatPenalty(t *testing.T) {
	tests := []struct {
		name    string
		logits  []float32
		history []int32
		p       sample.Params
		want    int32
	}{
		// 2.0/1.5 = 1.33 < 1.5: the repeated best token loses.
		{"positive logit divided", []float32{2.0, 1.5, 0}, []int32{0}, sample.Params{RepeatPenalty: 1.5}, 1},
		{"penalty too small to matter", []float32{2.0, 1.5, 0}, []int32{0}, sample.Params{RepeatPenalty: 1.1}, 0},
		// -1·2 = -2 < -1.5: a negative logit is multiplied, not divided.
		{"negative logit multiplied", []float32{-1, -1.5, -9}, []int32{0}, sample.Params{RepeatPenalty: 2}, 1},
		{"repeats count once", []float32{2.0, 1.5, 0}, []int32{0, 0, 0, 0}, sample.Params{RepeatPenalty: 1.2}, 0},
		{"outside the window", []float32{2.0, 1.5, 0}, []int32{0, 2, 2}, sample.Params{RepeatPenalty: 1.5, RepeatLastN: 2}, 0},
		{"inside the window", []float32{2.0, 1.5, 0}, []int32{2, 0, 2}, sample.Params{RepeatPenalty: 1.5, RepeatLastN: 2}, 1},
		{"default window 64", []float32{2.0, 1.5, 0}, append([]int32{0}, make64(2)...), sample.Params{RepeatPenalty: 1.5}, 0},
		{"window -1 is everything", []float32{2.0, 1.5, 0}, append([]int32{0}, make64(2)...), sample.Params{RepeatPenalty: 1.5, RepeatLastN: -1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sample.New(tt.p).Sample(tt.logits, tt.history); got != tt.want {
				t.Errorf("Sample = %d, want %d", got, tt.want)
			}
		})
	}
}

// make64 returns 64 copies of id.
func make64(id int32) []int32 {
	h := make([]int32, 64)
	for i := range h {
		h[i] = id
	}
	return h
}

func TestSeedReproducible(t *testing.T) {
	logits := make([]float32, 1000)
	for i := range logits {
		logits[i] = float32(math.Sin(float64(i)))
	}
	draw := func(seed uint64) []int32 {
		s := sample.New(sample.Params{Temperature: 1, TopP: 0.95, Seed: seed})
		out := make([]int32, 50)
		for i := range out {
			out[i] = s.Sample(logits, out[:i])
		}
		return out
	}
	a, b, c := draw(42), draw(42), draw(43)
	if !equal(a, b) {
		t.Errorf("same seed gave different draws:\n%v\n%v", a, b)
	}
	if equal(a, c) {
		t.Errorf("different seeds gave the same 50 draws: %v", a)
	}
}

func TestSampleDoesNotModifyLogits(t *testing.T) {
	logits := []float32{3, 1, 2}
	s := sample.New(sample.Params{Temperature: 0.7, TopK: 2, RepeatPenalty: 1.3, Seed: 1})
	s.Sample(logits, []int32{0, 2})
	if logits[0] != 3 || logits[1] != 1 || logits[2] != 2 {
		t.Errorf("logits changed to %v", logits)
	}
}

func equal(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
